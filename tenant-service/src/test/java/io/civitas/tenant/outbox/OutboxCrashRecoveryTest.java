package io.civitas.tenant.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.civitas.api.events.v1.EventEnvelope;
import io.civitas.tenant.support.AdminApi;
import io.civitas.tenant.support.Events;
import io.civitas.testsupport.KafkaResource;
import io.civitas.testsupport.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import jakarta.inject.Inject;

/**
 * A publisher that crashes after sending (Kafka transaction open) or after the Kafka commit (rows not yet marked)
 * loses nothing and duplicates nothing: the next publisher fences the dead one, reads the topics back, and every
 * event is on its topic exactly once.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(KafkaResource.class)
class OutboxCrashRecoveryTest {

    /** Thrown by the fault hook: the relay stops where it is, as a killed process would. */
    static final class SimulatedCrash extends Error {
        SimulatedCrash() {
            super("simulated crash", null, false, false);
        }
    }

    @Inject
    OutboxPublisher publisher;

    @Inject
    DataSource dataSource;

    @AfterEach
    void restartPublisher() {
        publisher.start();
    }

    @ParameterizedTest
    @EnumSource(OutboxRelay.Stage.class)
    void shouldDeliverEachEventExactlyOnceAfterCrash(OutboxRelay.Stage crashAt) throws Exception {
        // Given
        publisher.stop();
        String tenantId = AdminApi.createTenant();
        List<String> pending = unpublishedEventIds();
        assertThat(pending).isNotEmpty();
        OutboxRelay crashing = startRelay(stage -> {
            if (stage == crashAt) {
                throw new SimulatedCrash();
            }
        });
        assertThat(catchThrowable(crashing::publishBatch)).isInstanceOf(SimulatedCrash.class);
        crashing.abandon();
        assertThat(unpublishedEventIds()).containsAll(pending);

        // When
        publisher.start();

        // Then
        await().atMost(Duration.ofSeconds(30)).until(() -> unpublishedEventIds().isEmpty());
        try (Events changes = Events.tenantChanges(); Events audit = Events.audit()) {
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                List<String> delivered = Stream.concat(changes.envelopes().stream(),
                        audit.envelopes().stream()).map(EventEnvelope::getEventId).toList();
                for (String eventId : pending) {
                    assertThat(delivered).as("event %s of tenant %s", eventId, tenantId)
                            .filteredOn(eventId::equals).hasSize(1);
                }
            });
        }
    }

    @Test
    void shouldLetOnlyOnePublisherRunAtATime() throws Exception {
        // Given
        AdminApi.createTenant();
        await().atMost(Duration.ofSeconds(30)).until(() -> unpublishedEventIds().isEmpty());

        // When
        OutboxRelay second = publisher.startRelay(OutboxRelay.Faults.NONE);

        // Then
        assertThat(second).as("a second relay while the publisher holds the lock").isNull();
    }

    private OutboxRelay startRelay(OutboxRelay.Faults faults) throws Exception {
        OutboxRelay relay = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (relay == null && System.nanoTime() < deadline) {
            relay = publisher.startRelay(faults);
            if (relay == null) {
                Thread.sleep(100);
            }
        }
        assertThat(relay).as("the outbox lock").isNotNull();
        return relay;
    }

    private List<String> unpublishedEventIds() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "select event_id::text from outbox where published_at is null order by id");
                ResultSet rows = select.executeQuery()) {
            List<String> ids = new ArrayList<>();
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
            return ids;
        }
    }
}
