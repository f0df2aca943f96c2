package io.civitas.billing.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.civitas.api.events.v1.EventEnvelope;
import io.civitas.billing.support.BillingProcess;
import io.civitas.billing.support.RestartablePostgres;
import io.civitas.testsupport.KafkaResource;
import io.civitas.testsupport.process.FreePorts;

/**
 * The packaged billing-service as a real process: usage events are produced while it is SIGKILLed and restarted
 * three times and PostgreSQL is restarted once; the ledger must then hold exactly the produced events, and replaying
 * the whole topic from offset 0 in a new consumer group must change nothing.
 */
class LedgerFaultToleranceIT {

    private static final String TOPIC = "civitas.usage.v1";
    private static final int EVENTS = 3000;
    private static final int PARTITIONS = 3;
    private static final int PRODUCE_SECONDS = 45;
    private static final Duration READY = Duration.ofMinutes(2);
    private static final Path WORK = Path.of("target/ledger-fault-it").toAbsolutePath();

    private final KafkaResource kafka = new KafkaResource();
    private RestartablePostgres postgres;
    private BillingProcess billing;

    @AfterEach
    void stopAll() throws Exception {
        if (billing != null) {
            billing.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        kafka.stop();
    }

    @Test
    void shouldLedgerEveryProducedEventExactlyOnceThroughKillsAndADatabaseRestart() throws Exception {
        // Given
        String bootstrap = kafka.start().get("kafka.bootstrap.servers");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, PARTITIONS, (short) 1))).all().get();
        }
        Files.deleteIfExists(WORK.resolve("billing.log"));
        postgres = new RestartablePostgres(WORK.resolve("pgdata-" + UUID.randomUUID()), FreePorts.pick()).start();
        billing = startBilling(bootstrap, "civitas-billing");
        int apiWithoutOidc = billing.status("/billing/v1/price-books");
        Map<String, EventEnvelope> produced = new ConcurrentHashMap<>();

        // When
        CompletableFuture<Void> producing = CompletableFuture.runAsync(() -> produce(bootstrap, produced));
        for (int restart = 1; restart <= 3; restart++) {
            Thread.sleep(4000);
            if (restart == 1) {
                postgres.stop();
                Thread.sleep(2000);
                postgres.start();
                Thread.sleep(3000);
            }
            billing.kill();
            billing = startBilling(bootstrap, "civitas-billing");
        }
        producing.get();

        // Then
        assertThat(apiWithoutOidc).as("the API fails closed while OIDC is not configured").isEqualTo(401);
        assertThat(produced).hasSize(EVENTS);
        assertThat(Files.readString(WORK.resolve("billing.log"))).as("the consumer saw the database go away")
                .contains("replaying it");
        await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> assertThat(count()).isEqualTo(EVENTS));
        assertThat(ledgerIds()).isEqualTo(produced.keySet());
        assertThat(tokenTotals()).isEqualTo(expectedTotals(produced.values()));
        String ledgerDigest = digest("usage_ledger", "event_id");
        String dailyDigest = digest("usage_daily", "tenant_id, day, model, key_id");

        String replayGroup = "replay-" + UUID.randomUUID();
        billing.kill();
        billing = startBilling(bootstrap, replayGroup);
        awaitCaughtUp(bootstrap, replayGroup);
        assertThat(digest("usage_ledger", "event_id")).isEqualTo(ledgerDigest);
        assertThat(digest("usage_daily", "tenant_id, day, model, key_id")).isEqualTo(dailyDigest);
        assertThat(ledgerIds()).isEqualTo(produced.keySet());
    }

    private BillingProcess startBilling(String bootstrap, String groupId) throws Exception {
        return BillingProcess.start(Map.of(
                "kafka.bootstrap.servers", bootstrap,
                "quarkus.datasource.jdbc.url", postgres.jdbcUrl(),
                "quarkus.datasource.username", "postgres",
                "quarkus.datasource.password", "postgres",
                "civitas.billing.usage.group-id", groupId,
                "civitas.billing.usage.retry-max-backoff-ms", "1000"),
                WORK.resolve("billing.log")).awaitReady(READY);
    }

    /** Sends EVENTS distinct events spread over PRODUCE_SECONDS, and every tenth one a second time. */
    private static void produce(String bootstrap, Map<String, EventEnvelope> produced) {
        Random random = new Random(42);
        long start = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < EVENTS; i++) {
                int prompt = 1 + random.nextInt(5000);
                EventEnvelope event = UsageEvents.usage("tenant-" + i % 7, prompt, random.nextInt(2000),
                        random.nextInt(prompt + 1));
                producer.send(new ProducerRecord<>(TOPIC, event.getTenantId(), event.toByteArray())).get();
                produced.put(event.getEventId(), event);
                if (i % 10 == 0) {
                    producer.send(new ProducerRecord<>(TOPIC, event.getTenantId(), event.toByteArray())).get();
                }
                long due = start + TimeUnit.SECONDS.toNanos(PRODUCE_SECONDS) * i / EVENTS;
                TimeUnit.NANOSECONDS.sleep(due - System.nanoTime());
            }
        } catch (Exception e) {
            throw new IllegalStateException("producing failed", e);
        }
    }

    private void awaitCaughtUp(String bootstrap, String groupId) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < PARTITIONS; p++) {
                latest.put(new TopicPartition(TOPIC, p), OffsetSpec.latest());
            }
            await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
                        .partitionsToOffsetAndMetadata().get();
                var ends = admin.listOffsets(latest).all().get();
                for (TopicPartition partition : latest.keySet()) {
                    assertThat(committed.get(partition)).as("committed offset of %s", partition).isNotNull();
                    assertThat(committed.get(partition).offset()).isEqualTo(ends.get(partition).offset());
                }
            });
        }
    }

    private static List<Long> expectedTotals(Iterable<EventEnvelope> events) {
        long prompt = 0;
        long completion = 0;
        long cached = 0;
        for (EventEnvelope event : events) {
            prompt += event.getUsageRecorded().getPromptTokens();
            completion += event.getUsageRecorded().getCompletionTokens();
            cached += event.getUsageRecorded().getCachedTokens();
        }
        return List.of((long) EVENTS, prompt - cached, cached, completion);
    }

    private List<Long> tokenTotals() throws SQLException {
        return query("SELECT sum(requests), sum(input_tokens), sum(cached_input_tokens), sum(output_tokens)"
                + " FROM usage_daily", rows -> List.of(rows.getLong(1), rows.getLong(2), rows.getLong(3),
                        rows.getLong(4)));
    }

    private long count() throws SQLException {
        return query("SELECT count(*) FROM usage_ledger", rows -> rows.getLong(1));
    }

    private Set<String> ledgerIds() throws SQLException {
        return query("SELECT array_agg(event_id) FROM usage_ledger",
                rows -> Set.of((String[]) rows.getArray(1).getArray()));
    }

    private String digest(String table, String order) throws SQLException {
        return query("SELECT count(*) || ':' || md5(string_agg(t::text, ',' ORDER BY " + order + ")) FROM "
                + table + " t", rows -> rows.getString(1));
    }

    private interface Row<T> {
        T read(ResultSet rows) throws SQLException;
    }

    /** Reads the first row of {@code sql}, on a fresh connection each time (the server may have restarted). */
    private <T> T query(String sql, Row<T> reader) throws SQLException {
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), "postgres", "postgres");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return reader.read(rows);
        }
    }
}
