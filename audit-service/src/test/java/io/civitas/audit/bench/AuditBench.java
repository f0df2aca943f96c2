package io.civitas.audit.bench;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.civitas.api.events.v1.EventEnvelope;
import io.civitas.audit.AuditEvents;
import io.civitas.audit.chain.AuditChain;
import io.civitas.audit.chain.AuditEvent;
import io.civitas.audit.config.AuditConfig;
import io.civitas.audit.consumer.AuditEventParser;
import io.civitas.audit.support.Tokens;
import io.civitas.audit.verifier.checkpoint.Ed25519;
import io.civitas.audit.verifier.verify.BundleVerifier;
import io.civitas.audit.verifier.verify.Report;
import io.civitas.testsupport.KafkaResource;
import io.civitas.testsupport.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/**
 * Append throughput from Kafka, export throughput and verification speed of an exported bundle, against the real
 * service, PostgreSQL and Kafka. Runs only with -Pbench; prints its figures, asserts no timing.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class AuditBench {

    private static final int APPENDED_FROM_KAFKA = 50_000;
    private static final int EXPORTED = 100_000;
    private static final Instant WINDOW = Instant.parse("2035-01-01T00:00:00Z");

    @Inject
    DataSource dataSource;

    @Inject
    AuditChain chain;

    @Inject
    AuditConfig config;

    @Test
    void printAppendExportAndVerificationThroughput() throws Exception {
        appendFromKafka();
        fillForExport();
        exportAndVerify(null);
        exportAndVerify("tenant-bench-3");
    }

    private void appendFromKafka() throws Exception {
        List<byte[]> values = new ArrayList<>(APPENDED_FROM_KAFKA);
        for (int i = 0; i < APPENDED_FROM_KAFKA; i++) {
            values.add(AuditEvents.requestServed("tenant-bench-" + i % 5).toByteArray());
        }
        long before = leaves();
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        long start = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.LINGER_MS_CONFIG, 5),
                new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < values.size(); i++) {
                producer.send(new ProducerRecord<>(config.events().topic(), "tenant-bench-" + i % 5, values.get(i)));
            }
        }
        double produced = seconds(start);
        long appendedWhileProducing = leaves() - before;
        long drainStart = System.nanoTime();
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(100))
                .until(() -> leaves() >= before + APPENDED_FROM_KAFKA);
        double total = seconds(start);
        double drained = seconds(drainStart);
        System.out.printf("BENCH append from Kafka: %d entries in %.2f s (produced in %.2f s) = %.0f entries/s%n",
                APPENDED_FROM_KAFKA, total, produced, APPENDED_FROM_KAFKA / total);
        System.out.printf("BENCH append after producing ended: %d entries in %.2f s = %.0f entries/s%n",
                APPENDED_FROM_KAFKA - appendedWhileProducing, drained,
                (APPENDED_FROM_KAFKA - appendedWhileProducing) / drained);
    }

    private void fillForExport() {
        for (int batch = 0; batch < EXPORTED / 2000; batch++) {
            List<AuditEvent> events = new ArrayList<>(2000);
            for (int i = 0; i < 2000; i++) {
                EventEnvelope envelope = AuditEvents.requestServed("tenant-bench-" + i % 5,
                        WINDOW.plusMillis(batch * 2000L + i));
                events.add(AuditEventParser.parse(envelope.toByteArray()));
            }
            chain.appendAll(events);
        }
    }

    private void exportAndVerify(String tenant) throws Exception {
        var request = given().auth().oauth2(Tokens.auditor()).queryParam("from", WINDOW.toString())
                .queryParam("to", WINDOW.plusSeconds(86_400).toString());
        if (tenant != null) {
            request.queryParam("tenant", tenant);
        }
        long start = System.nanoTime();
        byte[] bundle = request.get("/audit/v1/export").then().statusCode(200).extract().asByteArray();
        double exported = seconds(start);
        String pem = given().get("/audit/v1/public-key").then().extract().path("publicKeyPem");
        start = System.nanoTime();
        Report report;
        try (InputStream in = new ByteArrayInputStream(bundle)) {
            report = new BundleVerifier(Ed25519.publicKeyFromPem(pem)).verify(in);
        }
        double verified = seconds(start);
        assertThat(report.failures()).isEmpty();
        String what = tenant == null ? "every tenant" : "one tenant of five";
        System.out.printf("BENCH export (%s): %d entries, %d MB in %.2f s = %.0f entries/s%n", what,
                report.entries(), bundle.length >> 20, exported, report.entries() / exported);
        System.out.printf("BENCH verify that bundle: %.2f s = %.0f entries/s%n", verified,
                report.entries() / verified);
    }

    private long leaves() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement query = connection.createStatement();
                ResultSet row = query.executeQuery("SELECT count(*) FROM merkle_leaf")) {
            row.next();
            return row.getLong(1);
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
