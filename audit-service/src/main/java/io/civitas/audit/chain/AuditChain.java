package io.civitas.audit.chain;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.civitas.audit.merkle.EntryEncoder;
import io.civitas.audit.merkle.MerkleLog;
import io.civitas.audit.verifier.merkle.CompactRange;

/**
 * Appends events to the hash-chained audit_entry table and, in the same transaction, to the Merkle tree. Each batch
 * holds an exclusive table lock until its transaction commits, so sequence numbers are gap-free and the chain stays
 * linear across threads and replicas.
 */
@ApplicationScoped
public class AuditChain {

    private static final String LOCK = "LOCK TABLE audit_entry IN EXCLUSIVE MODE";
    private static final String EXISTING = "SELECT event_id FROM audit_entry WHERE event_id = ANY (?)";
    private static final String HEAD = "SELECT seq, hash FROM audit_entry ORDER BY seq DESC LIMIT 1";
    private static final String INSERT = """
            INSERT INTO audit_entry (seq, event_id, tenant_id, request_id, event_type, occurred_at, payload,
                                     prev_hash, hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """;

    private final DataSource dataSource;
    private final MerkleLog merkle;

    public AuditChain(DataSource dataSource, MerkleLog merkle) {
        this.dataSource = dataSource;
        this.merkle = merkle;
    }

    /**
     * Appends the event unless its event id is already in the chain.
     *
     * @return the sequence number of the new entry, or empty for a duplicate
     */
    public OptionalLong append(AuditEvent event) {
        List<Long> appended = appendAll(List.of(event));
        return appended.isEmpty() ? OptionalLong.empty() : OptionalLong.of(appended.getFirst());
    }

    /**
     * Appends the events in order, in one transaction, skipping those whose event id is already in the chain (or
     * earlier in the batch).
     *
     * @return the sequence numbers of the new entries
     */
    public List<Long> appendAll(List<AuditEvent> events) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                List<Long> appended = new ArrayList<>();
                CompactRange tree = append(connection, events, appended);
                connection.commit();
                merkle.committed(tree);
                return appended;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new AuditStoreException("could not append " + events.size() + " audit events", e);
        }
    }

    private CompactRange append(Connection connection, List<AuditEvent> events, List<Long> appended)
            throws SQLException {
        try (Statement lock = connection.createStatement()) {
            lock.execute(LOCK);
        }
        Set<String> seen = existing(connection, events);
        long seq = 0;
        byte[] prevHash = ChainHash.genesis();
        try (Statement head = connection.createStatement(); ResultSet last = head.executeQuery(HEAD)) {
            if (last.next()) {
                seq = last.getLong(1);
                prevHash = last.getBytes(2);
            }
        }
        List<MerkleLog.Leaf> leaves = new ArrayList<>();
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (AuditEvent event : events) {
                if (!seen.add(event.eventId())) {
                    continue;
                }
                seq++;
                byte[] payload = event.payload();
                byte[] hash = ChainHash.link(prevHash, payload);
                bind(insert, seq, event, payload, prevHash, hash);
                insert.addBatch();
                leaves.add(new MerkleLog.Leaf(seq, EntryEncoder.encode(seq, event)));
                appended.add(seq);
                prevHash = hash;
            }
            insert.executeBatch();
        }
        return merkle.extend(connection, leaves);
    }

    private static Set<String> existing(Connection connection, List<AuditEvent> events) throws SQLException {
        Set<String> found = new HashSet<>();
        try (PreparedStatement query = connection.prepareStatement(EXISTING)) {
            Array ids = connection.createArrayOf("text", events.stream().map(AuditEvent::eventId).toArray());
            query.setArray(1, ids);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    found.add(rows.getString(1));
                }
            }
        }
        return found;
    }

    private static void bind(PreparedStatement insert, long seq, AuditEvent event, byte[] payload, byte[] prevHash,
            byte[] hash) throws SQLException {
        int i = 0;
        insert.setLong(++i, seq);
        insert.setString(++i, event.eventId());
        insert.setString(++i, event.tenantId());
        insert.setString(++i, event.requestId());
        insert.setString(++i, event.eventType());
        insert.setObject(++i, OffsetDateTime.ofInstant(event.occurredAt().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC));
        insert.setBytes(++i, payload);
        insert.setBytes(++i, prevHash);
        insert.setBytes(++i, hash);
    }
}
