package io.civitas.billing.invoices;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;

/**
 * A tenant's invoice for one UTC calendar month. A draft ({@code finalisedAt} null) is computed from the ledger's
 * aggregates when asked for; a final one is stored and never changes.
 */
public record Invoice(String tenantId, YearMonth month, String tenantName, String costCentre, String priceBook,
        String currency, List<InvoiceLine> lines, BigDecimal total, Instant finalisedAt) {

    public Invoice {
        lines = List.copyOf(lines);
    }

    public boolean isFinal() {
        return finalisedAt != null;
    }
}
