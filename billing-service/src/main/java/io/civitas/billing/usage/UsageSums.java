package io.civitas.billing.usage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Adds a batch of entries to an aggregate table: requests, input tokens (without cached ones), cached input tokens
 * and output tokens summed per aggregate row, and the rows upserted in key order so that concurrent replicas cannot
 * deadlock.
 */
final class UsageSums {

    /** Binds an aggregate row's key columns from parameter 1 on; returns how many it bound. */
    interface KeyColumns<K> {
        int bind(PreparedStatement upsert, K key) throws SQLException;
    }

    private UsageSums() {
    }

    /** Upserts with {@code upsertSql}: the key columns, then requests, input, cached input and output tokens. */
    static <K extends Comparable<K>> void add(Connection c, String upsertSql, List<UsageEntry> entries,
            Function<UsageEntry, K> keyOf, KeyColumns<K> keyColumns) throws SQLException {
        Map<K, long[]> sums = new TreeMap<>();
        for (UsageEntry e : entries) {
            long[] sum = sums.computeIfAbsent(keyOf.apply(e), k -> new long[4]);
            sum[0]++;
            sum[1] += e.promptTokens() - e.cachedTokens();
            sum[2] += e.cachedTokens();
            sum[3] += e.completionTokens();
        }
        if (sums.isEmpty()) {
            return;
        }
        try (PreparedStatement upsert = c.prepareStatement(upsertSql)) {
            for (Map.Entry<K, long[]> sum : sums.entrySet()) {
                int bound = keyColumns.bind(upsert, sum.getKey());
                for (int i = 0; i < 4; i++) {
                    upsert.setLong(bound + 1 + i, sum.getValue()[i]);
                }
                upsert.addBatch();
            }
            upsert.executeBatch();
        }
    }
}
