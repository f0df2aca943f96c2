package io.civitas.audit.checkpoint;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.civitas.audit.chain.AuditStoreException;
import io.civitas.audit.merkle.StoredTree;
import io.civitas.audit.verifier.bundle.Json;
import io.civitas.audit.verifier.checkpoint.Checkpoint;
import io.civitas.audit.verifier.checkpoint.Hex;
import io.civitas.audit.verifier.checkpoint.SignedCheckpoint;

/**
 * Signs and stores checkpoints of the Merkle tree, each naming the hash of the one before; reads them back for
 * exports. Checkpoints are made one at a time across replicas (a transaction-scoped advisory lock).
 */
@ApplicationScoped
public class CheckpointStore {

    private static final long LOCK_KEY = 0x6369766974617301L;
    private static final String COLUMNS = "SELECT body, signature FROM audit_checkpoint ";
    private static final String LATEST = COLUMNS + "ORDER BY tree_size DESC LIMIT 1";
    private static final String INSERT = """
            INSERT INTO audit_checkpoint (tree_size, body, signature, issued_at) VALUES (?, ?, ?, ?)
            """;
    private static final String FOR_EXPORT = COLUMNS + """
            WHERE (issued_at >= ? AND issued_at < ?) OR tree_size = ? OR tree_size = ? ORDER BY tree_size
            """;

    private final DataSource dataSource;
    private final SigningKeys keys;

    public CheckpointStore(DataSource dataSource, SigningKeys keys) {
        this.dataSource = dataSource;
        this.keys = keys;
    }

    /** Signs a checkpoint of the tree as it stands, unless the latest checkpoint already covers it; returns it. */
    public Optional<SignedCheckpoint> checkpointNow() {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                try (Statement lock = connection.createStatement()) {
                    lock.execute("SELECT pg_advisory_xact_lock(" + LOCK_KEY + ")");
                }
                Optional<SignedCheckpoint> latest = latest(connection);
                StoredTree tree = new StoredTree(connection);
                long size = tree.size();
                if (size == 0 || latest.isPresent() && latest.get().checkpoint().treeSize() == size) {
                    connection.commit();
                    return latest;
                }
                Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
                Checkpoint checkpoint = new Checkpoint(size, Hex.of(tree.range(0, size)),
                        latest.map(c -> c.checkpoint().hash()).orElse(Checkpoint.NO_PREVIOUS), now.toString(),
                        keys.keyId());
                SignedCheckpoint signed = SignedCheckpoint.sign(checkpoint, keys.privateKey());
                insert(connection, signed, now);
                connection.commit();
                return Optional.of(signed);
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new AuditStoreException("could not sign a checkpoint", e);
        }
    }

    /** The latest checkpoint. */
    public Optional<SignedCheckpoint> latest() {
        try (Connection connection = dataSource.getConnection()) {
            return latest(connection);
        } catch (SQLException e) {
            throw new AuditStoreException("could not read checkpoints", e);
        }
    }

    /**
     * The checkpoints an export carries, by growing tree size: those issued in [from, to), the one of tree size
     * {@code consistentWith} (an earlier export's anchor; 0 for none) and the anchor of size {@code anchorSize}.
     */
    public List<SignedCheckpoint> forExport(Instant from, Instant to, long consistentWith, long anchorSize) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(FOR_EXPORT)) {
            query.setObject(1, OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
            query.setObject(2, OffsetDateTime.ofInstant(to, ZoneOffset.UTC));
            query.setLong(3, consistentWith);
            query.setLong(4, anchorSize);
            List<SignedCheckpoint> checkpoints = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    SignedCheckpoint checkpoint = read(rows);
                    if (checkpoint.checkpoint().treeSize() <= anchorSize) {
                        checkpoints.add(checkpoint);
                    }
                }
            }
            return checkpoints;
        } catch (SQLException e) {
            throw new AuditStoreException("could not read checkpoints", e);
        }
    }

    private static Optional<SignedCheckpoint> latest(Connection connection) throws SQLException {
        try (Statement query = connection.createStatement(); ResultSet row = query.executeQuery(LATEST)) {
            return row.next() ? Optional.of(read(row)) : Optional.empty();
        }
    }

    private static SignedCheckpoint read(ResultSet row) throws SQLException {
        return new SignedCheckpoint(Json.read(row.getBytes("body"), Checkpoint.class), row.getString("signature"));
    }

    private static void insert(Connection connection, SignedCheckpoint signed, Instant issuedAt) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setLong(1, signed.checkpoint().treeSize());
            insert.setBytes(2, signed.checkpoint().signedBytes());
            insert.setString(3, signed.signature());
            insert.setObject(4, OffsetDateTime.ofInstant(issuedAt, ZoneOffset.UTC));
            insert.executeUpdate();
        }
    }
}
