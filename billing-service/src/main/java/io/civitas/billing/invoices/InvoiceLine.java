package io.civitas.billing.invoices;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Objects;

import io.civitas.billing.pricing.TokenClass;

/**
 * Tokens of one model and class priced at one price version. A line without a price ({@code unitPricePerMillion}
 * null: no price was in force) has amount 0 and is shown so that unpriced usage is visible, not hidden. A carried
 * line bills late usage of an earlier month, {@code carriedFrom}; it is null on the month's own lines.
 */
public record InvoiceLine(String model, TokenClass tokenClass, long tokens, BigDecimal unitPricePerMillion,
        BigDecimal amount, LocalDate priceValidFrom, String priceSource, YearMonth carriedFrom) {

    public InvoiceLine {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(tokenClass, "tokenClass");
        Objects.requireNonNull(amount, "amount");
    }

    public boolean isCarried() {
        return carriedFrom != null;
    }
}
