package io.civitas.audit.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.civitas.api.events.v1.EventEnvelope;
import io.civitas.api.events.v1.EventType;
import io.civitas.audit.AuditEvents;
import io.civitas.audit.AuditTable;
import io.civitas.audit.config.AuditConfig;
import io.civitas.audit.verifier.merkle.MerkleHash;
import io.civitas.testsupport.KafkaResource;
import io.civitas.testsupport.KafkaTestClient;
import io.civitas.testsupport.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KafkaResource.class)
class AuditConsumerTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    DataSource dataSource;

    @Inject
    AuditConfig config;

    private KafkaTestClient kafka;
    private AuditTable table;

    @BeforeEach
    void openClients() {
        kafka = new KafkaTestClient();
        table = new AuditTable(dataSource);
    }

    @AfterEach
    void closeClients() {
        kafka.close();
    }

    @Test
    void shouldAppendEntriesChainedBySha256OfPrevHashAndPayload() throws Exception {
        // Given
        List<EventEnvelope> events = List.of(AuditEvents.requestServed("tenant-a"),
                AuditEvents.requestServed("tenant-b"), AuditEvents.requestServed("tenant-a"));

        // When
        for (EventEnvelope event : events) {
            send(event);
        }

        // Then
        await().atMost(WAIT).untilAsserted(() -> assertThat(table.byEventId(events.get(2).getEventId())).hasSize(1));
        List<AuditTable.Row> rows = table.all();
        byte[] expectedPrevHash = new byte[32];
        for (int i = 0; i < rows.size(); i++) {
            AuditTable.Row row = rows.get(i);
            assertThat(row.seq()).isEqualTo(i + 1);
            assertThat(row.prevHash()).isEqualTo(expectedPrevHash);
            assertThat(row.hash()).isEqualTo(sha256(row.prevHash(), row.payload()));
            expectedPrevHash = row.hash();
        }
        for (EventEnvelope event : events) {
            AuditTable.Row row = table.byEventId(event.getEventId()).getFirst();
            assertThat(row.payload()).isEqualTo(event.toByteArray());
            assertThat(row.tenantId()).isEqualTo(event.getTenantId());
            assertThat(row.requestId()).isEqualTo(event.getRequestServed().getRequestId());
            assertThat(row.eventType()).isEqualTo("EVENT_TYPE_REQUEST_SERVED");
        }
    }

    @Test
    void shouldNotAppendARedeliveredEvent() throws Exception {
        // Given
        EventEnvelope event = AuditEvents.requestServed("tenant-c");
        EventEnvelope later = AuditEvents.requestServed("tenant-c");
        send(event);

        // When
        send(event);
        send(later);

        // Then
        await().atMost(WAIT).untilAsserted(() -> assertThat(table.byEventId(later.getEventId())).hasSize(1));
        assertThat(table.byEventId(event.getEventId())).hasSize(1);
        assertThat(table.byEventId(later.getEventId()).getFirst().seq())
                .isEqualTo(table.byEventId(event.getEventId()).getFirst().seq() + 1);
    }

    @Test
    void shouldDeadLetterUnusableRecordsAndKeepConsuming() throws Exception {
        // Given
        byte[] garbage = "not a protobuf envelope".getBytes(StandardCharsets.UTF_8);
        byte[] wrongPayload = AuditEvents.usageRecorded("tenant-d").toBuilder()
                .setType(EventType.EVENT_TYPE_REQUEST_SERVED).build().toByteArray();
        EventEnvelope good = AuditEvents.requestServed("tenant-d");

        // When
        kafka.send(config.events().topic(), "tenant-d", garbage);
        kafka.send(config.events().topic(), "tenant-d", wrongPayload);
        send(good);

        // Then
        await().atMost(WAIT).untilAsserted(() -> assertThat(table.byEventId(good.getEventId())).hasSize(1));
        try (KafkaTestClient.TopicReader deadLetters = kafka.reader(config.events().deadLetterTopic())) {
            await().atMost(WAIT).untilAsserted(() -> assertThat(deadLetters.poll())
                    .extracting(ConsumerRecord::value)
                    .contains(garbage, wrongPayload));
        }
    }

    @Test
    void shouldAppendAdminActionsAndOtherEventTypesAsMerkleLeavesOfTheirCanonicalEntry() throws Exception {
        // Given
        EventEnvelope admin = AuditEvents.adminAction("tenant-e", "key.revoke");
        EventEnvelope usage = AuditEvents.usageRecorded("tenant-e");

        // When
        send(admin);
        send(usage);

        // Then
        await().atMost(WAIT).untilAsserted(() -> assertThat(table.byEventId(usage.getEventId())).hasSize(1));
        AuditTable.Row adminRow = table.byEventId(admin.getEventId()).getFirst();
        assertThat(adminRow.eventType()).isEqualTo("EVENT_TYPE_ADMIN_ACTION_PERFORMED");
        assertThat(adminRow.requestId()).isEqualTo(admin.getAdminActionPerformed().getRequestId());
        assertThat(table.byEventId(usage.getEventId()).getFirst().eventType()).isEqualTo("EVENT_TYPE_USAGE_RECORDED");
        AuditTable.Leaf leaf = table.leaf(adminRow.seq());
        String entry = new String(leaf.entry(), StandardCharsets.UTF_8);
        assertThat(leaf.leafHash()).isEqualTo(MerkleHash.leaf(leaf.entry()));
        assertThat(entry).startsWith("{\"event\":{").contains("\"action\":\"key.revoke\"",
                "\"actorName\":\"operator\"", "\"seq\":" + adminRow.seq(), "\"tenantId\":\"tenant-e\"");
    }

    private void send(EventEnvelope event) throws Exception {
        kafka.send(config.events().topic(), event.getTenantId(), event.toByteArray());
    }

    private static byte[] sha256(byte[] prevHash, byte[] payload) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        digest.update(prevHash);
        digest.update(payload);
        return digest.digest();
    }
}
