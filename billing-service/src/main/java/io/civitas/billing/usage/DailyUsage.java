package io.civitas.billing.usage;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The usage_daily aggregates, added to in the transaction that inserted the ledger rows they count. Rows are
 * upserted in key order so that concurrent replicas cannot deadlock.
 */
@ApplicationScoped
public class DailyUsage {

    private static final String UPSERT = """
            INSERT INTO usage_daily (tenant_id, day, model, key_id, requests, input_tokens, cached_input_tokens,
                                     output_tokens)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (tenant_id, day, model, key_id) DO UPDATE SET
                requests = usage_daily.requests + excluded.requests,
                input_tokens = usage_daily.input_tokens + excluded.input_tokens,
                cached_input_tokens = usage_daily.cached_input_tokens + excluded.cached_input_tokens,
                output_tokens = usage_daily.output_tokens + excluded.output_tokens
            """;

    /** Key of one aggregate row. */
    record Key(String tenantId, LocalDate day, String model, String keyId) implements Comparable<Key> {
        @Override
        public int compareTo(Key other) {
            int c = tenantId.compareTo(other.tenantId);
            c = c != 0 ? c : day.compareTo(other.day);
            c = c != 0 ? c : model.compareTo(other.model);
            return c != 0 ? c : keyId.compareTo(other.keyId);
        }
    }

    /** Adds the newly inserted entries to their day's aggregates. */
    public void add(Connection connection, List<UsageEntry> inserted) throws SQLException {
        UsageSums.add(connection, UPSERT, inserted, e -> new Key(e.tenantId(),
                LocalDate.ofInstant(e.occurredAt(), ZoneOffset.UTC), e.model(), e.keyId()), (upsert, key) -> {
                    upsert.setString(1, key.tenantId());
                    upsert.setObject(2, key.day());
                    upsert.setString(3, key.model());
                    upsert.setString(4, key.keyId());
                    return 4;
                });
    }
}
