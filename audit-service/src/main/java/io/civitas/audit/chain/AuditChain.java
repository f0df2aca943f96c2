package io.civitas.audit.chain;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.OptionalLong;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Appends events to the hash-chained audit_entry table. Each append holds an exclusive table lock until its
 * transaction commits, so sequence numbers are gap-free and the chain stays linear across threads and replicas.
 */
@ApplicationScoped
public class AuditChain {

    private static final String LOCK = "LOCK TABLE audit_entry IN EXCLUSIVE MODE";
    private static final String EXISTS = "SELECT 1 FROM audit_entry WHERE event_id = ?";
    private static final String HEAD = "SELECT seq, hash FROM audit_entry ORDER BY seq DESC LIMIT 1";
    private static final String INSERT = """
            INSERT INTO audit_entry (seq, event_id, tenant_id, request_id, event_type, occurred_at, payload,
                                     prev_hash, hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """;

    private final DataSource dataSource;

    public AuditChain(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Appends the event unless its event id is already in the chain.
     *
     * @return the sequence number of the new entry, or empty for a duplicate
     */
    @Transactional
    public OptionalLong append(AuditEvent event) {
        try (Connection connection = dataSource.getConnection()) {
            try (Statement lock = connection.createStatement()) {
                lock.execute(LOCK);
            }
            if (exists(connection, event.eventId())) {
                return OptionalLong.empty();
            }
            long seq = 1;
            byte[] prevHash = ChainHash.genesis();
            try (Statement head = connection.createStatement(); ResultSet last = head.executeQuery(HEAD)) {
                if (last.next()) {
                    seq = last.getLong(1) + 1;
                    prevHash = last.getBytes(2);
                }
            }
            byte[] payload = event.payload();
            insert(connection, seq, event, payload, prevHash, ChainHash.link(prevHash, payload));
            return OptionalLong.of(seq);
        } catch (SQLException e) {
            throw new AuditStoreException("could not append audit event " + event.eventId(), e);
        }
    }

    private static boolean exists(Connection connection, String eventId) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(EXISTS)) {
            query.setString(1, eventId);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    private static void insert(Connection connection, long seq, AuditEvent event, byte[] payload, byte[] prevHash,
            byte[] hash) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            int i = 0;
            insert.setLong(++i, seq);
            insert.setString(++i, event.eventId());
            insert.setString(++i, event.tenantId());
            insert.setString(++i, event.requestId());
            insert.setString(++i, event.eventType());
            insert.setObject(++i, OffsetDateTime.ofInstant(event.occurredAt(), ZoneOffset.UTC));
            insert.setBytes(++i, payload);
            insert.setBytes(++i, prevHash);
            insert.setBytes(++i, hash);
            insert.executeUpdate();
        }
    }
}
