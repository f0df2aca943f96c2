package io.civitas.billing.invoices;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.civitas.billing.pricing.TokenClass;

/** Finalised invoices and their lines, carried lines included. */
@ApplicationScoped
public class InvoiceRepository {

    /**
     * Stores a final invoice.
     *
     * @throws InvoiceFinalisedException when one is already stored for the tenant and month
     */
    public Invoice store(Connection c, Invoice invoice) throws SQLException {
        Timestamp finalisedAt;
        try (PreparedStatement insert = c.prepareStatement("""
                INSERT INTO invoice (tenant_id, month, tenant_name, cost_centre, price_book, currency, total)
                VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING finalised_at""")) {
            insert.setString(1, invoice.tenantId());
            insert.setString(2, invoice.month().toString());
            insert.setString(3, invoice.tenantName());
            insert.setString(4, invoice.costCentre());
            insert.setString(5, invoice.priceBook());
            insert.setString(6, invoice.currency());
            insert.setBigDecimal(7, invoice.total());
            try (ResultSet rows = insert.executeQuery()) {
                if (!rows.next()) {
                    throw new InvoiceFinalisedException("the invoice of " + invoice.tenantId() + " for "
                            + invoice.month() + " is already finalised");
                }
                finalisedAt = rows.getTimestamp(1);
            }
        }
        try (PreparedStatement insert = c.prepareStatement("""
                INSERT INTO invoice_line (tenant_id, month, line_no, model, token_class, tokens,
                                          unit_price_per_million, amount, price_valid_from, price_source,
                                          carried_from)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            int lineNo = 0;
            for (InvoiceLine line : invoice.lines()) {
                insert.setString(1, invoice.tenantId());
                insert.setString(2, invoice.month().toString());
                insert.setInt(3, ++lineNo);
                insert.setString(4, line.model());
                insert.setString(5, line.tokenClass().name());
                insert.setLong(6, line.tokens());
                insert.setBigDecimal(7, line.unitPricePerMillion());
                insert.setBigDecimal(8, line.amount());
                insert.setObject(9, line.priceValidFrom());
                insert.setString(10, line.priceSource());
                insert.setString(11, line.isCarried() ? line.carriedFrom().toString() : null);
                insert.addBatch();
            }
            insert.executeBatch();
        }
        return new Invoice(invoice.tenantId(), invoice.month(), invoice.tenantName(), invoice.costCentre(),
                invoice.priceBook(), invoice.currency(), invoice.lines(), invoice.total(), finalisedAt.toInstant());
    }

    public Optional<Invoice> find(Connection c, String tenantId, YearMonth month) throws SQLException {
        try (PreparedStatement query = c.prepareStatement("""
                SELECT tenant_name, cost_centre, price_book, currency, total, finalised_at
                  FROM invoice WHERE tenant_id = ? AND month = ?""")) {
            query.setString(1, tenantId);
            query.setString(2, month.toString());
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Invoice(tenantId, month, rows.getString(1), rows.getString(2),
                        rows.getString(3), rows.getString(4), lines(c, tenantId, month), rows.getBigDecimal(5),
                        rows.getTimestamp(6).toInstant()));
            }
        }
    }

    private static List<InvoiceLine> lines(Connection c, String tenantId, YearMonth month) throws SQLException {
        List<InvoiceLine> lines = new ArrayList<>();
        try (PreparedStatement query = c.prepareStatement("""
                SELECT model, token_class, tokens, unit_price_per_million, amount, price_valid_from, price_source,
                       carried_from
                  FROM invoice_line WHERE tenant_id = ? AND month = ? ORDER BY line_no""")) {
            query.setString(1, tenantId);
            query.setString(2, month.toString());
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    lines.add(new InvoiceLine(rows.getString(1), TokenClass.valueOf(rows.getString(2)),
                            rows.getLong(3), rows.getBigDecimal(4), rows.getBigDecimal(5),
                            rows.getObject(6, LocalDate.class), rows.getString(7),
                            rows.getString(8) == null ? null : YearMonth.parse(rows.getString(8))));
                }
            }
        }
        return lines;
    }
}
