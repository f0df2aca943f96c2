package io.civitas.audit.export;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.civitas.audit.chain.AuditStoreException;

/** Exports and their progress, in audit_export: RUNNING with the entries written so far, then DONE or FAILED. */
@ApplicationScoped
public class ExportJobs {

    /** An export's state as the progress resource shows it. */
    public record ExportStatus(UUID exportId, String status, long entriesWritten, String tenantId, String from,
            String to, long treeSize, String actorSubject, String startedAt, String finishedAt) {
    }

    private static final String INSERT = """
            INSERT INTO audit_export (export_id, actor_subject, tenant_id, range_from, range_to, tree_size, status)
            VALUES (?, ?, ?, ?, ?, ?, 'RUNNING')
            """;
    private static final String PROGRESS = "UPDATE audit_export SET entries_written = ? WHERE export_id = ?";
    private static final String FINISH = """
            UPDATE audit_export SET status = ?, entries_written = ?, finished_at = now() WHERE export_id = ?
            """;
    private static final String FIND = "SELECT * FROM audit_export WHERE export_id = ?";

    private final DataSource dataSource;

    public ExportJobs(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    void start(UUID id, Caller caller, ExportRequest request, long treeSize) {
        execute(INSERT, id, caller.subject(), request.tenant(), OffsetDateTime.ofInstant(request.from(), ZoneOffset.UTC),
                OffsetDateTime.ofInstant(request.to(), ZoneOffset.UTC), treeSize);
    }

    void progress(UUID id, long entries) {
        execute(PROGRESS, entries, id);
    }

    void finish(UUID id, boolean done, long entries) {
        execute(FINISH, done ? "DONE" : "FAILED", entries, id);
    }

    /** The export, if any. */
    public Optional<ExportStatus> find(UUID id) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(FIND)) {
            query.setObject(1, id);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new ExportStatus(id, row.getString("status"), row.getLong("entries_written"),
                        row.getString("tenant_id"), text(row, "range_from"), text(row, "range_to"),
                        row.getLong("tree_size"), row.getString("actor_subject"), text(row, "started_at"),
                        text(row, "finished_at")));
            }
        } catch (SQLException e) {
            throw new AuditStoreException("could not read export " + id, e);
        }
    }

    private static String text(ResultSet row, String column) throws SQLException {
        OffsetDateTime time = row.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant().toString();
    }

    private void execute(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new AuditStoreException("could not record export progress", e);
        }
    }
}
