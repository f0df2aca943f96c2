package io.civitas.billing.usage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The usage_ledger table: one row per usage event. A batch is one multi-row INSERT (arrays unnested server-side)
 * with {@code ON CONFLICT (event_id) DO NOTHING}; the primary key on the event id, not the delivery semantics, makes
 * a redelivered event a no-op.
 */
@ApplicationScoped
public class UsageLedger {

    private static final String INSERT = """
            INSERT INTO usage_ledger (event_id, request_id, tenant_id, key_id, model, region, worker_id, node, gpu,
                                      prompt_tokens, completion_tokens, cached_tokens, outcome, streamed, endpoint,
                                      occurred_at, recorded_at)
            SELECT e.*, clock_timestamp()
              FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                          ?::text[], ?::int8[], ?::int8[], ?::int8[], ?::text[], ?::bool[], ?::text[],
                          ?::timestamptz[]) AS e
            ON CONFLICT (event_id) DO NOTHING
            RETURNING event_id
            """;

    /**
     * Inserts the entries whose event id is not yet in the ledger, within the caller's transaction.
     *
     * @return the entries actually inserted (first occurrence of each new event id)
     */
    public List<UsageEntry> insert(Connection connection, List<UsageEntry> entries) throws SQLException {
        if (entries.isEmpty()) {
            return List.of();
        }
        int n = entries.size();
        String[][] text = new String[12][n];
        Long[][] tokens = new Long[3][n];
        Boolean[] streamed = new Boolean[n];
        for (int row = 0; row < n; row++) {
            UsageEntry e = entries.get(row);
            String[] values = { e.eventId(), e.requestId(), e.tenantId(), e.keyId(), e.model(), e.region(),
                    e.workerId(), e.node(), e.gpu(), e.outcome(), e.endpoint(), e.occurredAt().toString() };
            for (int column = 0; column < values.length; column++) {
                text[column][row] = values[column];
            }
            tokens[0][row] = e.promptTokens();
            tokens[1][row] = e.completionTokens();
            tokens[2][row] = e.cachedTokens();
            streamed[row] = e.streamed();
        }
        Set<String> inserted = new HashSet<>();
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            int i = 0;
            for (int column = 0; column < 9; column++) {
                insert.setArray(++i, connection.createArrayOf("text", text[column]));
            }
            for (Long[] counts : tokens) {
                insert.setArray(++i, connection.createArrayOf("int8", counts));
            }
            insert.setArray(++i, connection.createArrayOf("text", text[9]));
            insert.setArray(++i, connection.createArrayOf("bool", streamed));
            insert.setArray(++i, connection.createArrayOf("text", text[10]));
            insert.setArray(++i, connection.createArrayOf("text", text[11]));
            try (ResultSet rows = insert.executeQuery()) {
                while (rows.next()) {
                    inserted.add(rows.getString(1));
                }
            }
        }
        List<UsageEntry> result = new ArrayList<>(inserted.size());
        for (UsageEntry entry : entries) {
            if (inserted.remove(entry.eventId())) {
                result.add(entry);
            }
        }
        return result;
    }
}
