package io.civitas.audit.retention;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.civitas.audit.AuditEvents;
import io.civitas.audit.AuditTable;
import io.civitas.audit.chain.AuditChain;
import io.civitas.audit.chain.AuditEvent;
import io.civitas.audit.chain.ChainVerifier;
import io.civitas.audit.checkpoint.Checkpointer;
import io.civitas.audit.consumer.AuditEventParser;
import io.civitas.audit.support.Tokens;
import io.civitas.audit.verifier.Bundles;
import io.civitas.audit.verifier.checkpoint.Ed25519;
import io.civitas.audit.verifier.checkpoint.SignedCheckpoint;
import io.civitas.audit.verifier.verify.Report;
import io.civitas.testsupport.KafkaResource;
import io.civitas.testsupport.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

@QuarkusTest
@TestProfile(RetentionTest.OwnDatabase.class)
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class RetentionTest {

    /** A profile of its own, so that this test's log (and what it prunes) is not the other tests'. */
    public static class OwnDatabase implements QuarkusTestProfile {
    }

    private static final Instant WINDOW = Instant.parse("2030-06-01T00:00:00Z");

    @Inject
    DataSource dataSource;

    @Inject
    AuditChain chain;

    @Inject
    Checkpointer checkpointer;

    @Inject
    ChainVerifier chainVerifier;

    @Inject
    RetentionPruner pruner;

    @Test
    void shouldPruneOldEntriesYetKeepTheLogAndItsExportsVerifiable() throws Exception {
        // Given
        chain.appendAll(events(0, 20));
        SignedCheckpoint old = checkpointer.checkpoint();
        chain.appendAll(events(20, 10));
        checkpointer.checkpoint();
        AuditTable table = new AuditTable(dataSource);
        List<byte[]> hashesBefore = table.leafHashes();
        backdateRecordedAt(old.checkpoint().treeSize(), "200 days");

        // When
        long removed = pruner.prune(Instant.now());

        // Then
        assertThat(removed).isEqualTo(old.checkpoint().treeSize());
        assertThat(table.all()).extracting(AuditTable.Row::seq).first().isEqualTo(old.checkpoint().treeSize() + 1);
        assertThat(table.leaf(1).entry()).isNull();
        assertThat(table.leafHashes()).containsExactlyElementsOf(hashesBefore);
        assertThat(chainVerifier.verify().isIntact()).isTrue();
        byte[] bundle = given().auth().oauth2(Tokens.auditor()).queryParam("from", WINDOW.toString())
                .queryParam("to", WINDOW.plusSeconds(3600).toString())
                .queryParam("consistentWith", old.checkpoint().treeSize())
                .get("/audit/v1/export").then().statusCode(200).extract().asByteArray();
        String pem = given().get("/audit/v1/public-key").then().extract().path("publicKeyPem");
        Report report = Bundles.verify(bundle, Ed25519.publicKeyFromPem(pem));
        assertThat(report.failures()).isEmpty();
        assertThat(report.entries()).isEqualTo(10);
        assertThat(report.checkpoints()).extracting(c -> c.treeSize()).contains(old.checkpoint().treeSize());
    }

    @Test
    void shouldRefuseToDeleteEntriesYoungerThanTheRetentionFloor() {
        // Given
        chain.appendAll(events(100, 3));
        checkpointer.checkpoint();
        AuditTable table = new AuditTable(dataSource);

        // When
        long removed = pruner.prune(Instant.now());
        Throwable deleted = catchThrowable(() -> table.execute(
                "DELETE FROM audit_entry WHERE seq = (SELECT max(seq) FROM audit_entry)"));

        // Then
        assertThat(removed).isZero();
        assertThat(deleted).isInstanceOf(SQLException.class).hasMessageContaining("append-only: DELETE refused");
    }

    private static List<AuditEvent> events(int first, int count) {
        List<AuditEvent> events = new ArrayList<>();
        for (int i = first; i < first + count; i++) {
            events.add(AuditEventParser.parse(
                    AuditEvents.requestServed("tenant-r", WINDOW.plusSeconds(i)).toByteArray()));
        }
        return events;
    }

    /** Makes rows up to seq look recorded long ago, as only the database owner could. */
    private void backdateRecordedAt(long upToSeq, String age) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement ddl = connection.createStatement()) {
            connection.setAutoCommit(false);
            ddl.execute("ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_append_only");
            ddl.execute("UPDATE audit_entry SET recorded_at = now() - interval '" + age + "' WHERE seq <= " + upToSeq);
            ddl.execute("ALTER TABLE audit_entry ENABLE TRIGGER audit_entry_append_only");
            connection.commit();
        }
    }
}
