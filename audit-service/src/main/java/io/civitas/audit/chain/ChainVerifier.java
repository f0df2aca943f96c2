package io.civitas.audit.chain;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.civitas.audit.config.AuditConfig;

/**
 * Walks audit_entry in seq order, recomputing every link, and reports the first one that does not hold. The walk
 * starts at the first row kept: 32 zero bytes before seq 1, or, once retention removed a prefix, the first kept row's
 * prev_hash (which the Merkle tree's signed checkpoints anchor).
 */
@ApplicationScoped
public class ChainVerifier {

    private static final String FIRST = "SELECT seq, prev_hash FROM audit_entry ORDER BY seq LIMIT 1";
    private static final String PAGE = """
            SELECT seq, payload, prev_hash, hash FROM audit_entry WHERE seq > ? ORDER BY seq LIMIT ?
            """;

    private final DataSource dataSource;
    private final AuditConfig config;

    public ChainVerifier(DataSource dataSource, AuditConfig config) {
        this.dataSource = dataSource;
        this.config = config;
    }

    /** Verifies the whole chain as it stands now. */
    public ChainVerification verify() {
        long expectedSeq = 1;
        byte[] expectedPrevHash = ChainHash.genesis();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement page = connection.prepareStatement(PAGE)) {
            try (PreparedStatement first = connection.prepareStatement(FIRST); ResultSet row = first.executeQuery()) {
                if (row.next() && row.getLong(1) > 1) {
                    expectedSeq = row.getLong(1);
                    expectedPrevHash = row.getBytes(2);
                }
            }
            boolean more = true;
            while (more) {
                page.setLong(1, expectedSeq - 1);
                page.setInt(2, config.verifier().batchSize());
                int read = 0;
                try (ResultSet rows = page.executeQuery()) {
                    while (rows.next()) {
                        read++;
                        long seq = rows.getLong("seq");
                        byte[] prevHash = rows.getBytes("prev_hash");
                        byte[] hash = rows.getBytes("hash");
                        if (seq != expectedSeq) {
                            return ChainVerification.broken(expectedSeq, "entry is missing; next entry is " + seq);
                        }
                        if (!Arrays.equals(prevHash, expectedPrevHash)) {
                            return ChainVerification.broken(seq, "prev_hash differs from the previous entry's hash");
                        }
                        if (!Arrays.equals(hash, ChainHash.link(prevHash, rows.getBytes("payload")))) {
                            return ChainVerification.broken(seq, "hash differs from SHA-256(prev_hash || payload)");
                        }
                        expectedPrevHash = hash;
                        expectedSeq++;
                    }
                }
                more = read == config.verifier().batchSize();
            }
        } catch (SQLException e) {
            throw new AuditStoreException("could not read the audit chain", e);
        }
        return ChainVerification.intact(expectedSeq - 1);
    }
}
