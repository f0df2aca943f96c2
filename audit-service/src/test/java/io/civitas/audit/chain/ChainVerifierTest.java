package io.civitas.audit.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.civitas.audit.AuditEvents;
import io.civitas.audit.AuditTable;
import io.civitas.audit.config.AuditConfig;
import io.civitas.testsupport.KafkaResource;
import io.civitas.testsupport.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KafkaResource.class)
class ChainVerifierTest {

    private static final int THREADS = 4;
    private static final int APPENDS_PER_THREAD = 25;

    @Inject
    DataSource dataSource;

    @Inject
    AuditChain chain;

    @Inject
    ChainVerifier verifier;

    @Inject
    AuditConfig config;

    @Test
    void shouldKeepTheChainLinearAndGapFreeUnderConcurrentAppends() throws Exception {
        // Given
        int before = new AuditTable(dataSource).all().size();

        // When
        try (ExecutorService pool = Executors.newFixedThreadPool(THREADS)) {
            List<Future<?>> appenders = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                appenders.add(pool.submit(() -> IntStream.range(0, APPENDS_PER_THREAD).forEach(
                        i -> chain.append(ChainFixtures.event(AuditEvents.requestServed("tenant-" + i % 3))))));
            }
            for (Future<?> appender : appenders) {
                appender.get();
            }
        }

        // Then
        List<AuditTable.Row> rows = new AuditTable(dataSource).all();
        assertThat(rows).hasSize(before + THREADS * APPENDS_PER_THREAD);
        assertThat(rows).extracting(AuditTable.Row::seq)
                .containsExactlyElementsOf(IntStream.rangeClosed(1, rows.size()).mapToObj(Long::valueOf).toList());
        assertThat(verifier.verify()).isEqualTo(ChainVerification.intact(rows.size()));
        assertThat(new ChainVerifier(dataSource, verifierBatchOf(7)).verify())
                .isEqualTo(ChainVerification.intact(rows.size()));
    }

    @Test
    void shouldReportTheFirstTamperedEntry() throws Exception {
        // Given
        chain.append(ChainFixtures.event(AuditEvents.requestServed("tenant-v")));
        long tampered = chain.append(ChainFixtures.event(AuditEvents.requestServed("tenant-v"))).orElseThrow();
        chain.append(ChainFixtures.event(AuditEvents.requestServed("tenant-v")));
        byte[] original = new AuditTable(dataSource).all().get((int) tampered - 1).payload();
        byte[] forged = AuditEvents.requestServed("tenant-x").toByteArray();
        setPayloadBypassingTrigger(tampered, forged);

        try {
            // When
            ChainVerification verification = verifier.verify();

            // Then
            assertThat(verification.isIntact()).isFalse();
            assertThat(verification.brokenSeq()).isEqualTo(tampered);
            assertThat(verification.verifiedEntries()).isEqualTo(tampered - 1);
            assertThat(verification.problem()).contains("hash differs");
        } finally {
            setPayloadBypassingTrigger(tampered, original);
        }
    }

    private AuditConfig verifierBatchOf(int batchSize) {
        return new AuditConfig() {
            @Override
            public Events events() {
                return config.events();
            }

            @Override
            public Verifier verifier() {
                return () -> batchSize;
            }

            @Override
            public Signing signing() {
                return config.signing();
            }

            @Override
            public Checkpoint checkpoint() {
                return config.checkpoint();
            }

            @Override
            public Export export() {
                return config.export();
            }

            @Override
            public Retention retention() {
                return config.retention();
            }
        };
    }

    private void setPayloadBypassingTrigger(long seq, byte[] payload) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement ddl = connection.createStatement();
                    PreparedStatement update = connection.prepareStatement(
                            "UPDATE audit_entry SET payload = ? WHERE seq = ?")) {
                ddl.execute("ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_append_only");
                update.setBytes(1, payload);
                update.setLong(2, seq);
                update.executeUpdate();
                ddl.execute("ALTER TABLE audit_entry ENABLE TRIGGER audit_entry_append_only");
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
        }
    }
}
