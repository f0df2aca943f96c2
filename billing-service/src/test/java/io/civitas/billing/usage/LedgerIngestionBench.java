package io.civitas.billing.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import io.civitas.api.events.v1.EventEnvelope;
import io.civitas.billing.config.BillingConfig;
import io.civitas.testsupport.KafkaResource;
import io.civitas.testsupport.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Ledger ingestion benchmark (only with -Pbench): the real consumer, embedded PostgreSQL and an in-JVM broker, all on
 * this machine. After an unpaced warm-up, phase "backlog" produces as fast as it can and reports how fast the ledger
 * catches up; phase "paced" produces a fixed rate with 1 % duplicates and reports the ingestion rate and the
 * time from event produced (occurred_at) to ledger row (recorded_at) at p50/p99. Figures are printed and written to
 * target/bench/; nothing is asserted about them.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KafkaResource.class)
class LedgerIngestionBench {

    private static final Logger LOGGER = Logger.getLogger(LedgerIngestionBench.class);
    private static final int TENANTS = 20;
    private static final int RATE = Integer.getInteger("bench.rate", 10_000);
    private static final int SECONDS = Integer.getInteger("bench.seconds", 30);
    private static final int BACKLOG = Integer.getInteger("bench.backlog", 200_000);
    private static final int WARM_UP = Integer.getInteger("bench.warm-up", 100_000);

    @Inject
    DataSource dataSource;

    @Inject
    BillingConfig config;

    @Test
    void measureSustainedIngestionAndLatency() throws Exception {
        List<String> report = new ArrayList<>();
        report.add(phase("warm-up", 0, WARM_UP));
        report.add(phase("backlog", 0, BACKLOG));
        report.add(phase("paced", RATE, RATE * SECONDS));
        Path out = Path.of("target/bench/ledger-ingestion.txt");
        Files.createDirectories(out.getParent());
        Files.write(out, report);
        report.forEach(line -> LOGGER.info("BENCH " + line));
    }

    /** Produces {@code events} distinct events (plus 1 % duplicates) at {@code rate}/s (0: unpaced). */
    private String phase(String name, int rate, int events) throws Exception {
        String run = name + "-" + UUID.randomUUID().toString().substring(0, 8);
        int duplicates = 0;
        try (KafkaProducer<String, byte[]> producer = producer()) {
            long start = System.nanoTime();
            EventEnvelope previous = null;
            for (int i = 0; i < events; i++) {
                if (rate > 0 && i % 100 == 0) {
                    long due = start + TimeUnit.SECONDS.toNanos(1) * i / rate;
                    TimeUnit.NANOSECONDS.sleep(due - System.nanoTime());
                }
                EventEnvelope event = UsageEvents.usage(run + "-" + i % TENANTS, "devstral-2", "key-" + i % 7,
                        Instant.now(), 1 + i % 3000, 1 + i % 500, i % 100);
                send(producer, event);
                if (i % 100 == 99) {
                    send(producer, previous);
                    duplicates++;
                }
                previous = event;
            }
            producer.flush();
        }
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(count(run)).isEqualTo(events));
        return figures(name, run, rate, events, duplicates);
    }

    private String figures(String name, String run, int rate, int events, int duplicates) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement("""
                        SELECT count(*) / extract(epoch FROM max(recorded_at) - min(occurred_at)),
                               count(*) / nullif(extract(epoch FROM max(recorded_at) - min(recorded_at)), 0),
                               percentile_cont(0.5) WITHIN GROUP (ORDER BY recorded_at - occurred_at),
                               percentile_cont(0.99) WITHIN GROUP (ORDER BY recorded_at - occurred_at),
                               max(recorded_at - occurred_at)
                          FROM usage_ledger WHERE tenant_id LIKE ?""")) {
            query.setString(1, run + "-%");
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return String.format("%s: %d events + %d duplicates, target rate %s; ingested %.0f events/s "
                        + "(first produced to last ledgered), %.0f events/s (first to last ledgered); produced->ledger "
                        + "p50=%s p99=%s max=%s", name, events, duplicates, rate == 0 ? "unpaced" : rate + "/s",
                        rows.getDouble(1), rows.getDouble(2), rows.getString(3), rows.getString(4),
                        rows.getString(5));
            }
        }
    }

    private void send(KafkaProducer<String, byte[]> producer, EventEnvelope event) {
        producer.send(new ProducerRecord<>(config.usage().topic(), event.getTenantId(), event.toByteArray()));
    }

    private long count(String run) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT count(*) FROM usage_ledger WHERE tenant_id LIKE ?")) {
            query.setString(1, run + "-%");
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static KafkaProducer<String, byte[]> producer() {
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.BATCH_SIZE_CONFIG, 262_144), new StringSerializer(), new ByteArraySerializer());
    }
}
