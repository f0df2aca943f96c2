package io.civitas.audit.export;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.civitas.api.events.v1.EventEnvelope;
import io.civitas.audit.AuditEvents;
import io.civitas.audit.AuditTable;
import io.civitas.audit.chain.AuditChain;
import io.civitas.audit.chain.AuditEvent;
import io.civitas.audit.consumer.AuditEventParser;
import io.civitas.audit.support.Tokens;
import io.civitas.audit.verifier.Bundles;
import io.civitas.audit.verifier.Tamperer;
import io.civitas.audit.verifier.checkpoint.Ed25519;
import io.civitas.audit.verifier.verify.BundleConsistency;
import io.civitas.audit.verifier.verify.Check;
import io.civitas.audit.verifier.verify.Report;
import io.civitas.support.problem.Problem;
import io.civitas.testsupport.KafkaResource;
import io.civitas.testsupport.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.response.Response;

@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class ExportResourceTest {

    private static final String EXPORT = "/audit/v1/export";
    private static final int TAMPER_TRIALS = 200;

    @Inject
    DataSource dataSource;

    @Inject
    AuditChain chain;

    private String tenantA;
    private String tenantB;
    private Instant from;
    private Instant to;

    @BeforeEach
    void appendEntriesOfTwoTenantsInAWindowOfTheirOwn() {
        tenantA = "tenant-" + UUID.randomUUID();
        tenantB = "tenant-" + UUID.randomUUID();
        from = Instant.parse("2031-01-01T00:00:00Z").plusSeconds(new Random().nextInt(1_000_000) * 3600L);
        to = from.plusSeconds(3600);
        List<AuditEvent> events = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            EventEnvelope envelope = AuditEvents.requestServed(i % 3 == 0 ? tenantA : tenantB,
                    from.plusSeconds(i * 60L));
            events.add(AuditEventParser.parse(envelope.toByteArray()));
        }
        chain.appendAll(events);
    }

    @Test
    void shouldRefuseAnExportWithoutAToken() {
        // Given
        String token = null;

        // When
        Response response = given().queryParam("from", from.toString()).queryParam("to", to.toString()).get(EXPORT);

        // Then
        assertThat(token).isNull();
        response.then().statusCode(401).contentType(Problem.MEDIA_TYPE).header("WWW-Authenticate", "Bearer");
    }

    @Test
    void shouldRefuseAnExportToOtherRoles() {
        // Given
        String token = Tokens.withRole("user");

        // When
        Response response = export(token, null);

        // Then
        response.then().statusCode(403).contentType(Problem.MEDIA_TYPE).body("status", equalTo(403));
    }

    @Test
    void shouldRefuseATenantAdminAnotherTenantsLog() {
        // Given
        String token = Tokens.tenantAdmin(tenantA);

        // When
        Response response = export(token, tenantB);

        // Then
        response.then().statusCode(403).contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo("urn:civitas:problem:tenant-forbidden"));
    }

    @Test
    void shouldRefuseATenantAdminTokenThatNamesNoTenant() {
        // Given
        String token = Tokens.unboundTenantAdmin();

        // When
        Response response = export(token, null);

        // Then
        response.then().statusCode(403).contentType(Problem.MEDIA_TYPE);
    }

    @Test
    void shouldRefuseAnInvalidRange() {
        // Given
        String token = Tokens.auditor();

        // When
        Response response = given().auth().oauth2(token).queryParam("from", to.toString())
                .queryParam("to", from.toString()).get(EXPORT);

        // Then
        response.then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("detail", equalTo("from must be before to"));
    }

    @Test
    void shouldExportATenantAdminsOwnTenantOnlyAndItVerifiesAgainstThePublishedKey() {
        // Given
        String token = Tokens.tenantAdmin(tenantA);

        // When
        byte[] bundle = export(token, null).then().statusCode(200).extract().asByteArray();

        // Then
        Report report = Bundles.verify(bundle, publishedKey());
        assertThat(report.failures()).isEmpty();
        assertThat(report.entries()).isEqualTo(14);
        String text = new String(bundle, StandardCharsets.UTF_8);
        assertThat(text).contains(tenantA).doesNotContain(tenantB);
    }

    @Test
    void shouldExportEveryTenantToAnAuditorAndRejectEveryTamperedCopy() {
        // Given
        byte[] bundle = export(Tokens.auditor(), null).then().statusCode(200).extract().asByteArray();
        PublicKey key = publishedKey();
        Tamperer tamperer = new Tamperer(bundle.length);
        Tamperer.Kind[] kinds = Tamperer.Kind.values();

        // When
        List<String> accepted = new ArrayList<>();
        for (int trial = 0; trial < TAMPER_TRIALS; trial++) {
            Tamperer.Tampered tampered = tamperer.tamper(bundle, kinds[trial % kinds.length]);
            if (Bundles.verify(tampered.bundle(), key).holds()) {
                accepted.add(tampered.description());
            }
        }

        // Then
        Report untouched = Bundles.verify(bundle, key);
        assertThat(untouched.failures()).isEmpty();
        assertThat(untouched.entries()).isEqualTo(40);
        assertThat(accepted).isEmpty();
    }

    @Test
    void shouldRecordEachExportInTheLogAndShowItsProgress() throws Exception {
        // Given
        String token = Tokens.auditor();

        // When
        Response response = export(token, tenantB);

        // Then
        response.then().statusCode(200);
        String exportId = response.header(ExportResource.EXPORT_ID_HEADER);
        List<AuditTable.Row> recorded = new AuditTable(dataSource).byEventId("audit-export-" + exportId);
        assertThat(recorded).hasSize(1);
        assertThat(recorded.getFirst().eventType()).isEqualTo("EVENT_TYPE_ADMIN_ACTION_PERFORMED");
        assertThat(recorded.getFirst().tenantId()).isEqualTo(tenantB);
        EventEnvelope envelope = EventEnvelope.parseFrom(recorded.getFirst().payload());
        assertThat(envelope.getAdminActionPerformed().getAction()).isEqualTo("audit.export");
        assertThat(envelope.getAdminActionPerformed().getActorSubject()).isEqualTo("sub-auditor-1");
        assertThat(envelope.getAdminActionPerformed().getDetailsMap()).containsEntry("from", from.toString())
                .containsEntry("to", to.toString()).containsEntry("tenant", tenantB);
        given().auth().oauth2(token).get("/audit/v1/exports/" + exportId).then().statusCode(200)
                .body("status", equalTo("DONE")).body("entriesWritten", equalTo(26))
                .body("tenantId", equalTo(tenantB));
        given().auth().oauth2(Tokens.tenantAdmin(tenantA)).get("/audit/v1/exports/" + exportId).then()
                .statusCode(403).contentType(Problem.MEDIA_TYPE);
    }

    @Test
    void shouldShowALaterExportConsistentWithAnEarlierOne() {
        // Given
        String token = Tokens.auditor();
        Report earlier = Bundles.verify(export(token, tenantA).then().statusCode(200).extract().asByteArray(), null);
        chain.append(AuditEventParser.parse(AuditEvents.requestServed(tenantA, from.plusSeconds(5)).toByteArray()));

        // When
        byte[] later = given().auth().oauth2(token).queryParam("from", from.toString()).queryParam("to", to.toString())
                .queryParam("tenant", tenantA).queryParam("consistentWith", earlier.anchor().treeSize()).get(EXPORT)
                .then().statusCode(200).extract().asByteArray();

        // Then
        List<Check> checks = BundleConsistency.check(earlier, Bundles.verify(later, publishedKey()));
        assertThat(checks).allMatch(Check::holds);
        assertThat(earlier.entries()).isEqualTo(14);
    }

    private Response export(String token, String tenant) {
        var request = given().auth().oauth2(token).queryParam("from", from.toString()).queryParam("to", to.toString());
        if (tenant != null) {
            request.queryParam("tenant", tenant);
        }
        return request.get(EXPORT);
    }

    private static PublicKey publishedKey() {
        String pem = given().get("/audit/v1/public-key").then().statusCode(200).extract().path("publicKeyPem");
        return Ed25519.publicKeyFromPem(pem);
    }
}
