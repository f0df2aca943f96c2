package io.civitas.billing.invoices;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import io.civitas.billing.pricing.PriceViews;

/**
 * JSON of an invoice; amounts and prices are exact decimal strings. A carried line's {@code carriedFrom} is the month
 * (YYYY-MM) its late usage occurred in; null on the month's own lines.
 */
public record InvoiceView(String tenantId, String month, String status, String tenantName, String costCentre,
        String priceBook, String currency, List<Line> lines, String total, Instant finalisedAt) {

    public record Line(String model, String tokenClass, long tokens, String unitPricePerMillion, String amount,
            LocalDate priceValidFrom, String priceSource, String carriedFrom) {
    }

    public static InvoiceView of(Invoice invoice) {
        return new InvoiceView(invoice.tenantId(), invoice.month().toString(), invoice.isFinal() ? "FINAL" : "DRAFT",
                invoice.tenantName(), invoice.costCentre(), invoice.priceBook(), invoice.currency(),
                invoice.lines().stream().map(l -> new Line(l.model(), l.tokenClass().name(), l.tokens(),
                        PriceViews.plain(l.unitPricePerMillion()), PriceViews.plain(l.amount()), l.priceValidFrom(),
                        l.priceSource(), l.isCarried() ? l.carriedFrom().toString() : null)).toList(),
                PriceViews.plain(invoice.total()), invoice.finalisedAt());
    }
}
