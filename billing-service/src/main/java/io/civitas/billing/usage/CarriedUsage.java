package io.civitas.billing.usage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The usage_carried aggregates: late usage per tenant, month that bills it, day of use and model. Added to in the
 * ingesting transaction (rows upserted in key order, as {@link DailyUsage} does), read by the invoice of the
 * billing month. Input tokens exclude cached input tokens.
 */
@ApplicationScoped
public class CarriedUsage {

    private static final String UPSERT = """
            INSERT INTO usage_carried (tenant_id, billed_month, day, model, requests, input_tokens,
                                       cached_input_tokens, output_tokens)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (tenant_id, billed_month, day, model) DO UPDATE SET
                requests = usage_carried.requests + excluded.requests,
                input_tokens = usage_carried.input_tokens + excluded.input_tokens,
                cached_input_tokens = usage_carried.cached_input_tokens + excluded.cached_input_tokens,
                output_tokens = usage_carried.output_tokens + excluded.output_tokens
            """;

    private record Key(String tenantId, YearMonth billedMonth, LocalDate day, String model)
            implements Comparable<Key> {
        @Override
        public int compareTo(Key other) {
            int c = tenantId.compareTo(other.tenantId);
            c = c != 0 ? c : billedMonth.compareTo(other.billedMonth);
            c = c != 0 ? c : day.compareTo(other.day);
            return c != 0 ? c : model.compareTo(other.model);
        }
    }

    /** Adds late entries to the aggregates of the month that bills them, {@code billedMonths} per tenant. */
    public void add(Connection c, List<UsageEntry> late, Map<String, YearMonth> billedMonths) throws SQLException {
        UsageSums.add(c, UPSERT, late, e -> new Key(e.tenantId(), billedMonths.get(e.tenantId()),
                LocalDate.ofInstant(e.occurredAt(), ZoneOffset.UTC), e.model()), (upsert, key) -> {
                    upsert.setString(1, key.tenantId());
                    upsert.setString(2, key.billedMonth().toString());
                    upsert.setObject(3, key.day());
                    upsert.setString(4, key.model());
                    return 4;
                });
    }

    /** The tenant's late usage billed in {@code month}, per day of use and model. */
    public List<DailyTokens> billedIn(Connection c, String tenantId, YearMonth month) throws SQLException {
        List<DailyTokens> result = new ArrayList<>();
        try (PreparedStatement query = c.prepareStatement("""
                SELECT day, model, input_tokens, cached_input_tokens, output_tokens
                  FROM usage_carried
                 WHERE tenant_id = ? AND billed_month = ?
                 ORDER BY day, model""")) {
            query.setString(1, tenantId);
            query.setString(2, month.toString());
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    result.add(new DailyTokens(rows.getObject(1, LocalDate.class), rows.getString(2),
                            rows.getLong(3), rows.getLong(4), rows.getLong(5)));
                }
            }
        }
        return result;
    }
}
