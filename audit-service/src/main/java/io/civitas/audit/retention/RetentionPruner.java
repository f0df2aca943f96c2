package io.civitas.audit.retention;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.civitas.audit.chain.AuditStoreException;
import io.civitas.audit.config.AuditConfig;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * Drops the content of entries older than the retention period: first their Merkle entry, then their audit_entry
 * row, always a prefix of the log that a signed checkpoint covers. Leaf and node hashes stay, so checkpoints,
 * consistency proofs and exports of what is kept still verify; the hash chain of the kept rows starts at the first
 * kept row.
 */
@ApplicationScoped
public class RetentionPruner {

    /** The shortest retention accepted: EU AI Act Art. 19 asks for at least six months. */
    public static final int MINIMUM_DAYS = 183;

    private static final Logger LOGGER = Logger.getLogger(RetentionPruner.class);
    private static final String PREFIX_END = """
            SELECT least(
                coalesce((SELECT min(seq) - 1 FROM audit_entry WHERE recorded_at >= ?),
                         (SELECT coalesce(max(seq), 0) FROM audit_entry)),
                (SELECT coalesce(max(tree_size), 0) FROM audit_checkpoint))
            """;
    private static final String CLEAR_ENTRIES = "UPDATE merkle_leaf SET entry = NULL WHERE seq <= ? AND entry IS NOT NULL";
    private static final String DELETE_ROWS = "DELETE FROM audit_entry WHERE seq <= ?";

    private final DataSource dataSource;
    private final AuditConfig config;

    public RetentionPruner(DataSource dataSource, AuditConfig config) {
        this.dataSource = dataSource;
        this.config = config;
    }

    void checkOnStart(@Observes StartupEvent event) {
        if (config.retention().days() < MINIMUM_DAYS) {
            throw new IllegalStateException("civitas.audit.retention.days must be at least " + MINIMUM_DAYS
                    + ", is " + config.retention().days());
        }
    }

    @Scheduled(every = "1h", delayed = "10m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void periodically() {
        prune(Instant.now());
    }

    /**
     * Prunes what is older than the retention period at {@code now}.
     *
     * @return the number of audit_entry rows removed
     */
    public long prune(Instant now) {
        Instant cutoff = now.minus(config.retention().days(), ChronoUnit.DAYS);
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                long end = prefixEnd(connection, cutoff);
                int removed = 0;
                if (end > 0) {
                    update(connection, CLEAR_ENTRIES, end);
                    removed = update(connection, DELETE_ROWS, end);
                }
                connection.commit();
                if (removed > 0) {
                    LOGGER.infof("Retention: removed the content of %d audit entries up to seq %d (older than %s)",
                            removed, end, cutoff);
                }
                return removed;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new AuditStoreException("retention pruning failed", e);
        }
    }

    private static long prefixEnd(Connection connection, Instant cutoff) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(PREFIX_END)) {
            query.setObject(1, OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC));
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private static int update(Connection connection, String sql, long end) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, end);
            return statement.executeUpdate();
        }
    }
}
