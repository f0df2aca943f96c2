package io.civitas.billing.usage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

/** Reads the daily aggregates: per day and model for pricing, and grouped by a dimension for reports. */
@ApplicationScoped
public class UsageQueries {

    /** A dimension of the usage report. */
    public enum Dimension {
        DAY("day::text"), MODEL("model"), KEY("key_id"), TENANT("tenant_id");

        private final String column;

        Dimension(String column) {
            this.column = column;
        }
    }

    /** One row of a usage report. */
    public record Breakdown(String group, long requests, long inputTokens, long cachedInputTokens,
            long outputTokens, long totalTokens) {
    }

    /** The tenant's tokens per day and model in {@code month}. */
    public List<DailyTokens> month(Connection c, String tenantId, YearMonth month) throws SQLException {
        List<DailyTokens> result = new ArrayList<>();
        try (PreparedStatement query = c.prepareStatement("""
                SELECT day, model, sum(input_tokens), sum(cached_input_tokens), sum(output_tokens)
                  FROM usage_daily
                 WHERE tenant_id = ? AND day >= ? AND day <= ?
                 GROUP BY day, model ORDER BY day, model""")) {
            query.setString(1, tenantId);
            query.setObject(2, month.atDay(1));
            query.setObject(3, month.atEndOfMonth());
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    result.add(new DailyTokens(rows.getObject(1, LocalDate.class), rows.getString(2),
                            rows.getLong(3), rows.getLong(4), rows.getLong(5)));
                }
            }
        }
        return result;
    }

    /**
     * Usage from {@code from} to {@code to} (inclusive UTC days) grouped by {@code dimension}: of one tenant, or of
     * all tenants when {@code tenantId} is null.
     */
    public List<Breakdown> breakdown(Connection c, String tenantId, LocalDate from, LocalDate to,
            Dimension dimension) throws SQLException {
        List<Breakdown> result = new ArrayList<>();
        try (PreparedStatement query = c.prepareStatement("SELECT " + dimension.column + " AS g, sum(requests),"
                + " sum(input_tokens), sum(cached_input_tokens), sum(output_tokens) FROM usage_daily"
                + " WHERE day >= ? AND day <= ?" + (tenantId == null ? "" : " AND tenant_id = ?")
                + " GROUP BY g ORDER BY g")) {
            query.setObject(1, from);
            query.setObject(2, to);
            if (tenantId != null) {
                query.setString(3, tenantId);
            }
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    long input = rows.getLong(3);
                    long cached = rows.getLong(4);
                    long output = rows.getLong(5);
                    result.add(new Breakdown(rows.getString(1), rows.getLong(2), input, cached, output,
                            input + cached + output));
                }
            }
        }
        return result;
    }
}
