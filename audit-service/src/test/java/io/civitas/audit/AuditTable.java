package io.civitas.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

/** Direct reads of audit_entry for assertions. */
public final class AuditTable {

    /** One row of audit_entry. */
    public record Row(long seq, String eventId, String tenantId, String requestId, String eventType, byte[] payload,
            byte[] prevHash, byte[] hash) {
    }

    /** One row of merkle_leaf. */
    public record Leaf(long seq, byte[] leafHash, byte[] entry) {
    }

    private final DataSource dataSource;

    public AuditTable(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Every row, in seq order. */
    public List<Row> all() throws SQLException {
        return query("SELECT * FROM audit_entry ORDER BY seq", null);
    }

    /** The rows carrying {@code eventId}. */
    public List<Row> byEventId(String eventId) throws SQLException {
        return query("SELECT * FROM audit_entry WHERE event_id = ? ORDER BY seq", eventId);
    }

    /** The Merkle leaf of entry seq. */
    public Leaf leaf(long seq) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT seq, leaf_hash, entry FROM merkle_leaf WHERE seq = ?")) {
            statement.setLong(1, seq);
            try (ResultSet result = statement.executeQuery()) {
                if (!result.next()) {
                    throw new SQLException("no leaf " + seq);
                }
                return new Leaf(result.getLong(1), result.getBytes(2), result.getBytes(3));
            }
        }
    }

    /** Every leaf hash, in seq order. */
    public List<byte[]> leafHashes() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT leaf_hash FROM merkle_leaf ORDER BY seq");
                ResultSet result = statement.executeQuery()) {
            List<byte[]> hashes = new ArrayList<>();
            while (result.next()) {
                hashes.add(result.getBytes(1));
            }
            return hashes;
        }
    }

    /** Runs one statement on a fresh connection, in a transaction that is committed. */
    public void execute(String sql, Object... parameters) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.execute();
        }
    }

    private List<Row> query(String sql, String parameter) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            if (parameter != null) {
                statement.setString(1, parameter);
            }
            List<Row> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.add(new Row(result.getLong("seq"), result.getString("event_id"),
                            result.getString("tenant_id"), result.getString("request_id"),
                            result.getString("event_type"), result.getBytes("payload"),
                            result.getBytes("prev_hash"), result.getBytes("hash")));
                }
            }
            return rows;
        }
    }
}
