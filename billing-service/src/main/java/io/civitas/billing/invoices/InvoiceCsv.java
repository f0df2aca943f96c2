package io.civitas.billing.invoices;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;

/**
 * An invoice as CSV for chargeback: a header, one row per line, and a last row with token class TOTAL carrying the
 * invoice total. Every row repeats the tenant, its cost centre, the month, the status and the currency; the last
 * column, carried_from, names the month of use of a carried line and is empty otherwise.
 */
public final class InvoiceCsv {

    @JsonPropertyOrder({ "tenant_id", "tenant_name", "cost_centre", "month", "status", "currency", "model",
            "token_class", "tokens", "unit_price_per_million", "amount", "price_valid_from", "price_source",
            "carried_from" })
    private record Row(String tenant_id, String tenant_name, String cost_centre, String month, String status,
            String currency, String model, String token_class, String tokens, String unit_price_per_million,
            String amount, String price_valid_from, String price_source, String carried_from) {
    }

    private static final CsvMapper MAPPER = CsvMapper.builder()
            .enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING).build();
    private static final ObjectWriter WRITER = MAPPER.writer(MAPPER.schemaFor(Row.class).withHeader());

    private InvoiceCsv() {
    }

    public static String of(InvoiceView invoice) {
        List<Row> rows = new ArrayList<>(invoice.lines().size() + 1);
        for (InvoiceView.Line line : invoice.lines()) {
            rows.add(new Row(invoice.tenantId(), invoice.tenantName(), invoice.costCentre(), invoice.month(),
                    invoice.status(), invoice.currency(), line.model(), line.tokenClass(),
                    Long.toString(line.tokens()), line.unitPricePerMillion(), line.amount(),
                    line.priceValidFrom() == null ? null : line.priceValidFrom().toString(), line.priceSource(),
                    line.carriedFrom()));
        }
        rows.add(new Row(invoice.tenantId(), invoice.tenantName(), invoice.costCentre(), invoice.month(),
                invoice.status(), invoice.currency(), null, "TOTAL", null, null, invoice.total(), null, null,
                null));
        try {
            return WRITER.writeValueAsString(rows);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("invoice could not be written as CSV", e);
        }
    }
}
