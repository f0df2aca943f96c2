package io.civitas.billing.usage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

/** The usage_ledger table: one row per usage event, written idempotently. */
@ApplicationScoped
public class UsageLedger {

    private static final String INSERT = """
            INSERT INTO usage_ledger (event_id, request_id, tenant_id, key_id, model, region, worker_id, node, gpu,
                                      prompt_tokens, completion_tokens, cached_tokens, outcome, streamed, endpoint,
                                      occurred_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (event_id) DO NOTHING
            """;

    private final DataSource dataSource;

    public UsageLedger(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Records the entry unless its event id is already in the ledger.
     *
     * @return true when a row was inserted, false for a duplicate
     */
    public boolean record(UsageEntry entry) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(INSERT)) {
            int i = 0;
            insert.setString(++i, entry.eventId());
            insert.setString(++i, entry.requestId());
            insert.setString(++i, entry.tenantId());
            insert.setString(++i, entry.keyId());
            insert.setString(++i, entry.model());
            insert.setString(++i, entry.region());
            insert.setString(++i, entry.workerId());
            insert.setString(++i, entry.node());
            insert.setString(++i, entry.gpu());
            insert.setLong(++i, entry.promptTokens());
            insert.setLong(++i, entry.completionTokens());
            insert.setLong(++i, entry.cachedTokens());
            insert.setString(++i, entry.outcome());
            insert.setBoolean(++i, entry.streamed());
            insert.setString(++i, entry.endpoint());
            insert.setObject(++i, OffsetDateTime.ofInstant(entry.occurredAt(), ZoneOffset.UTC));
            return insert.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new LedgerWriteException("could not write usage event " + entry.eventId(), e);
        }
    }
}
