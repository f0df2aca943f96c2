package io.civitas.tenant.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.civitas.api.tenant.v1.KeyResolutionServiceGrpc.KeyResolutionServiceBlockingStub;
import io.civitas.api.tenant.v1.ResolveKeyRequest;
import io.civitas.tenant.support.AdminApi;
import io.civitas.testsupport.KafkaResource;
import io.civitas.testsupport.PostgresResource;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import jakarta.inject.Inject;

/**
 * After keys are created, used, mistyped, rotated and revoked, no issued key and no secret part of one is in any
 * table, in the service's log file (written at DEBUG) or in any record of any Kafka topic.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(KafkaResource.class)
class NoPlaintextKeyTest {

    private static final Path LOG_FILE = Path.of("target/tenant-service-test.log");

    @GrpcClient("keys")
    KeyResolutionServiceBlockingStub keys;

    @Inject
    DataSource dataSource;

    @Inject
    LastUseRecorder lastUse;

    @Test
    void shouldFindNoPlaintextKeyInDatabaseLogsOrTopics() throws Exception {
        // Given
        String tenantId = AdminApi.createTenant();
        Map<String, String> first = AdminApi.createKey(tenantId, "first");
        Map<String, String> second = AdminApi.rotateKey(tenantId, first.get("id"), 60);
        Map<String, String> third = AdminApi.createKey(tenantId, "third");
        List<String> issued = List.of(first.get("key"), second.get("key"), third.get("key"));
        for (String key : issued) {
            keys.resolveKey(ResolveKeyRequest.newBuilder().setApiKey(key).build());
            catchThrowable(() -> keys.resolveKey(ResolveKeyRequest.newBuilder()
                    .setApiKey(key.substring(0, key.length() - 1)).build()));
        }
        AdminApi.revokeKey(tenantId, third.get("id"));
        catchThrowable(() -> keys.resolveKey(ResolveKeyRequest.newBuilder().setApiKey(third.get("key")).build()));
        lastUse.flush();
        await().atMost(Duration.ofSeconds(15)).until(() -> unpublishedOutboxRows() == 0);
        List<String> secrets = new ArrayList<>(issued);
        issued.forEach(key -> secrets.add(key.substring(key.lastIndexOf('_') + 1, key.lastIndexOf('_') + 53)));

        // When
        String database = allTableRows();
        String log = Files.readString(LOG_FILE, StandardCharsets.UTF_8);
        String topics = allTopicBytes();

        // Then
        assertThat(database).contains(first.get("id"), third.get("id"));
        assertThat(log).contains(third.get("id"));
        assertThat(topics).contains(third.get("id"));
        for (String secret : secrets) {
            assertThat(database).as("database rows").doesNotContain(secret);
            assertThat(log).as("log file").doesNotContain(secret);
            assertThat(topics).as("Kafka records").doesNotContain(secret);
        }
    }

    private long unpublishedOutboxRows() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement count = connection.prepareStatement(
                        "select count(*) from outbox where published_at is null");
                ResultSet rows = count.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private String allTableRows() throws SQLException {
        StringBuilder text = new StringBuilder();
        try (Connection connection = dataSource.getConnection()) {
            List<String> tables = new ArrayList<>();
            try (PreparedStatement list = connection.prepareStatement(
                    "select table_name from information_schema.tables where table_schema = 'public'");
                    ResultSet rows = list.executeQuery()) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
            assertThat(tables).contains("tenant", "api_key", "entitlement", "outbox");
            for (String table : tables) {
                try (PreparedStatement select = connection.prepareStatement(
                        "select t::text from \"" + table + "\" t");
                        ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        text.append(rows.getString(1)).append('\n');
                    }
                }
            }
            try (PreparedStatement payloads = connection.prepareStatement("select payload from outbox");
                    ResultSet rows = payloads.executeQuery()) {
                while (rows.next()) {
                    text.append(new String(rows.getBytes(1), StandardCharsets.ISO_8859_1)).append('\n');
                }
            }
        }
        return text.toString();
    }

    private static String allTopicBytes() throws Exception {
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        StringBuilder text = new StringBuilder();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
                KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                        ConsumerConfig.GROUP_ID_CONFIG, "no-plaintext-" + UUID.randomUUID()),
                        new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : admin.listTopics().names().get()) {
                consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            assertThat(partitions).extracting(TopicPartition::topic)
                    .contains("civitas.tenant-changes.v1", "civitas.audit.v1");
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    append(text, record.key());
                    append(text, record.value());
                    for (Header header : record.headers()) {
                        append(text, header.value());
                    }
                }
            }
        }
        return text.toString();
    }

    private static void append(StringBuilder text, byte[] bytes) {
        if (bytes != null) {
            text.append(new String(bytes, StandardCharsets.ISO_8859_1)).append('\n');
        }
    }
}
