package io.civitas.billing.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.civitas.api.events.v1.EventEnvelope;
import io.civitas.billing.config.BillingConfig;
import io.civitas.billing.kafka.DeadLetters;
import io.civitas.testsupport.KafkaResource;
import io.civitas.testsupport.KafkaTestClient;
import io.civitas.testsupport.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KafkaResource.class)
class UsageConsumerTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    DataSource dataSource;

    @Inject
    BillingConfig config;

    private KafkaTestClient kafka;

    @BeforeEach
    void openClients() {
        kafka = new KafkaTestClient();
    }

    @AfterEach
    void closeClients() {
        kafka.close();
    }

    @Test
    void shouldRecordOneRowPerEventWithExactTokenCounts() throws Exception {
        // Given
        EventEnvelope first = UsageEvents.usage("tenant-a", 120, 45, 16);
        EventEnvelope second = UsageEvents.usage("tenant-a", 7, 0, 0);

        // When
        send(first);
        send(second);

        // Then
        await().atMost(WAIT).untilAsserted(() -> assertThat(row(second.getEventId())).isNotNull());
        Map<String, Object> row = row(first.getEventId());
        assertThat(row).containsEntry("request_id", first.getUsageRecorded().getRequestId())
                .containsEntry("tenant_id", "tenant-a")
                .containsEntry("key_id", "key-1")
                .containsEntry("model", "llama-3.1-8b")
                .containsEntry("region", "eu-de")
                .containsEntry("worker_id", "worker-7")
                .containsEntry("node", "node-a")
                .containsEntry("gpu", "H100")
                .containsEntry("prompt_tokens", 120L)
                .containsEntry("completion_tokens", 45L)
                .containsEntry("cached_tokens", 16L)
                .containsEntry("outcome", "OUTCOME_SUCCESS")
                .containsEntry("streamed", true)
                .containsEntry("endpoint", "POST /v1/chat/completions");
        assertThat(((OffsetDateTime) row.get("occurred_at")).toInstant()).isEqualTo(UsageEvents.OCCURRED_AT);
        assertThat(row(second.getEventId())).containsEntry("prompt_tokens", 7L)
                .containsEntry("completion_tokens", 0L)
                .containsEntry("cached_tokens", 0L);
    }

    @Test
    void shouldIgnoreARedeliveredEvent() throws Exception {
        // Given
        EventEnvelope event = UsageEvents.usage("tenant-b", 10, 20, 0);
        EventEnvelope later = UsageEvents.usage("tenant-b", 1, 1, 0);
        send(event);

        // When
        send(event);
        send(later);

        // Then
        await().atMost(WAIT).untilAsserted(() -> assertThat(row(later.getEventId())).isNotNull());
        assertThat(count(event.getEventId())).isEqualTo(1);
        assertThat(row(event.getEventId())).containsEntry("prompt_tokens", 10L).containsEntry("completion_tokens", 20L);
    }

    @Test
    void shouldDeadLetterUnusableRecordsAndKeepConsuming() throws Exception {
        // Given
        byte[] garbage = "not a protobuf envelope".getBytes(StandardCharsets.UTF_8);
        byte[] wrongPayload = UsageEvents.requestServed("tenant-c").toByteArray();
        EventEnvelope moreCachedThanPrompt = UsageEvents.usage("tenant-c", 5, 1, 6);
        EventEnvelope good = UsageEvents.usage("tenant-c", 3, 4, 0);

        // When
        kafka.send(config.usage().topic(), "tenant-c", garbage);
        kafka.send(config.usage().topic(), "tenant-c", wrongPayload);
        send(moreCachedThanPrompt);
        send(good);

        // Then
        await().atMost(WAIT).untilAsserted(() -> assertThat(row(good.getEventId())).isNotNull());
        assertThat(row(moreCachedThanPrompt.getEventId())).isNull();
        try (KafkaTestClient.TopicReader deadLetters = kafka.reader(config.usage().deadLetterTopic())) {
            await().atMost(WAIT).untilAsserted(() -> assertThat(deadLetters.poll())
                    .extracting(ConsumerRecord::value)
                    .contains(garbage, wrongPayload, moreCachedThanPrompt.toByteArray()));
            assertThat(reasonOf(deadLetters.poll(), moreCachedThanPrompt.toByteArray()))
                    .isEqualTo("cached_tokens exceeds prompt_tokens");
            assertThat(reasonOf(deadLetters.poll(), garbage)).isEqualTo("record value is not an EventEnvelope");
        }
    }

    @Test
    void shouldCountEachNewEventOnceInTheDailyAggregates() throws Exception {
        // Given
        EventEnvelope first = UsageEvents.usage("tenant-d", 100, 40, 30);
        EventEnvelope second = UsageEvents.usage("tenant-d", 10, 4, 0);
        send(first);

        // When
        send(first);
        send(second);
        send(first);

        // Then
        await().atMost(WAIT).untilAsserted(() -> assertThat(row(second.getEventId())).isNotNull());
        assertThat(daily("tenant-d")).containsExactly(2L, 80L, 30L, 44L);
    }

    private String reasonOf(List<ConsumerRecord<String, byte[]>> deadLetters, byte[] value) {
        ConsumerRecord<String, byte[]> record = deadLetters.stream()
                .filter(r -> Arrays.equals(r.value(), value)).findFirst().orElseThrow();
        assertThat(new String(record.headers().lastHeader(DeadLetters.ORIGIN_HEADER).value(), StandardCharsets.UTF_8))
                .startsWith(config.usage().topic() + "/");
        return new String(record.headers().lastHeader(DeadLetters.REASON_HEADER).value(), StandardCharsets.UTF_8);
    }

    private List<Long> daily(String tenantId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT sum(requests), sum(input_tokens), sum(cached_input_tokens), sum(output_tokens)"
                                + " FROM usage_daily WHERE tenant_id = ?")) {
            query.setString(1, tenantId);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return List.of(rows.getLong(1), rows.getLong(2), rows.getLong(3), rows.getLong(4));
            }
        }
    }

    private void send(EventEnvelope event) throws Exception {
        kafka.send(config.usage().topic(), event.getTenantId(), event.toByteArray());
    }

    private Map<String, Object> row(String eventId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT * FROM usage_ledger WHERE event_id = ?")) {
            query.setString(1, eventId);
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next()) {
                    return null;
                }
                Map<String, Object> row = new LinkedHashMap<>();
                for (int column = 1; column <= rows.getMetaData().getColumnCount(); column++) {
                    String name = rows.getMetaData().getColumnName(column);
                    row.put(name, name.endsWith("_at") ? rows.getObject(column, OffsetDateTime.class)
                            : rows.getObject(column));
                }
                return row;
            }
        }
    }

    private int count(String eventId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT count(*) FROM usage_ledger WHERE event_id = ?")) {
            query.setString(1, eventId);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }
}
