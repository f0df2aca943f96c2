package io.civitas.audit.export;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.civitas.audit.chain.AuditChain;
import io.civitas.audit.chain.AuditStoreException;
import io.civitas.audit.checkpoint.CheckpointStore;
import io.civitas.audit.checkpoint.Checkpointer;
import io.civitas.audit.checkpoint.SigningKeys;
import io.civitas.audit.config.AuditConfig;
import io.civitas.audit.merkle.StoredTree;
import io.civitas.audit.verifier.bundle.BundleExporter;
import io.civitas.audit.verifier.bundle.BundleRecords;
import io.civitas.audit.verifier.bundle.BundleWriter;
import io.civitas.audit.verifier.checkpoint.SignedCheckpoint;

/**
 * Exports for auditors: records the export in the log, signs a fresh checkpoint as its anchor, then streams the
 * bundle from the database (a server-side cursor; memory does not grow with the range), storing progress as it goes.
 */
@ApplicationScoped
public class ExportService {

    private static final Logger LOGGER = Logger.getLogger(ExportService.class);
    private static final String ENTRIES = """
            SELECT l.seq, l.entry FROM audit_entry e JOIN merkle_leaf l ON l.seq = e.seq
            WHERE e.occurred_at >= ? AND e.occurred_at < ? AND e.seq <= ? AND l.entry IS NOT NULL
            """;
    private static final String TENANT = " AND e.tenant_id = ?";
    private static final String ORDER = " ORDER BY e.seq";

    /** An export ready to stream. */
    public record PreparedExport(UUID id, ExportRequest request, BundleRecords.Header header,
            List<SignedCheckpoint> checkpoints) {
    }

    private final DataSource dataSource;
    private final AuditChain chain;
    private final Checkpointer checkpointer;
    private final CheckpointStore checkpoints;
    private final ExportJobs jobs;
    private final SigningKeys keys;
    private final AuditConfig config;

    public ExportService(DataSource dataSource, AuditChain chain, Checkpointer checkpointer,
            CheckpointStore checkpoints, ExportJobs jobs, SigningKeys keys, AuditConfig config) {
        this.dataSource = dataSource;
        this.chain = chain;
        this.checkpointer = checkpointer;
        this.checkpoints = checkpoints;
        this.jobs = jobs;
        this.keys = keys;
        this.config = config;
    }

    /** Audits the export, signs its anchor checkpoint and picks the checkpoints it carries. */
    public PreparedExport prepare(ExportRequest request, Caller caller) {
        UUID id = UUID.randomUUID();
        chain.append(ExportAuditEvent.of(id, caller, request));
        SignedCheckpoint anchor = checkpointer.checkpoint();
        long size = anchor.checkpoint().treeSize();
        List<SignedCheckpoint> carried = checkpoints.forExport(request.from(), request.to(),
                request.consistentWith(), size);
        if (request.consistentWith() > 0
                && carried.stream().noneMatch(c -> c.checkpoint().treeSize() == request.consistentWith())) {
            throw new InvalidExportRequestException("there is no checkpoint of tree size " + request.consistentWith());
        }
        jobs.start(id, caller, request, size);
        LOGGER.infof("Export %s by %s: tenant=%s from=%s to=%s anchor=%d", id, caller.subject(),
                request.tenant() == null ? "*" : request.tenant(), request.from(), request.to(), size);
        BundleRecords.Header header = new BundleRecords.Header(id.toString(), request.from().toString(),
                request.to().toString(), request.tenant(), Instant.now().toString(), size);
        return new PreparedExport(id, request, header, carried);
    }

    /** Streams the bundle; the export's status ends DONE, or FAILED when streaming broke off. */
    public void stream(PreparedExport export, OutputStream target) throws IOException {
        long written = 0;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            OutputStream out = new BufferedOutputStream(target, 1 << 16);
            BundleExporter exporter = new BundleExporter(new BundleWriter(out, keys.privateKey(), keys.publicKey()),
                    new StoredTree(connection));
            exporter.begin(export.header(), keys.publicKey(), export.checkpoints());
            try (PreparedStatement query = entries(connection, export)) {
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        exporter.entry(rows.getLong(1), rows.getBytes(2));
                        if (++written % config.export().progressEveryEntries() == 0) {
                            jobs.progress(export.id(), written);
                        }
                    }
                }
            }
            exporter.finish();
            out.flush();
            connection.commit();
            jobs.finish(export.id(), true, written);
            LOGGER.infof("Export %s done: %d entries", export.id(), written);
        } catch (SQLException e) {
            failed(export, written, e);
            throw new AuditStoreException("could not read the audit log for export " + export.id(), e);
        } catch (IOException | RuntimeException e) {
            failed(export, written, e);
            throw e;
        }
    }

    private void failed(PreparedExport export, long written, Exception e) {
        jobs.finish(export.id(), false, written);
        LOGGER.warnf("Export %s failed after %d entries: %s", export.id(), written, e.getMessage());
    }

    private PreparedStatement entries(Connection connection, PreparedExport export) throws SQLException {
        ExportRequest request = export.request();
        PreparedStatement query = connection.prepareStatement(ENTRIES + (request.tenant() == null ? "" : TENANT)
                + ORDER);
        query.setFetchSize(config.export().fetchSize());
        query.setObject(1, OffsetDateTime.ofInstant(request.from(), ZoneOffset.UTC));
        query.setObject(2, OffsetDateTime.ofInstant(request.to(), ZoneOffset.UTC));
        query.setLong(3, export.header().treeSize());
        if (request.tenant() != null) {
            query.setString(4, request.tenant());
        }
        return query;
    }
}
