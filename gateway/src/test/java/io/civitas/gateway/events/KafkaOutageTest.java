package io.civitas.gateway.events;

import static io.civitas.gateway.fakes.FakeTenantService.ALPHA_KEY;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.civitas.gateway.fakes.UpstreamServersResource;
import io.civitas.gateway.support.Chat;
import io.civitas.gateway.support.EventLog;
import io.civitas.testsupport.KafkaResource;
import io.civitas.testsupport.RestartableKafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/** Kafka goes away while requests are served: every request is still billed, once, when it comes back. */
@QuarkusTest
@TestProfile(KafkaOutageTest.ShortKafkaTimeouts.class)
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(UpstreamServersResource.class)
@QuarkusTestResource(value = RestartableKafkaResource.class, restrictToAnnotatedClass = true)
class KafkaOutageTest {

    private static final int REQUESTS = 100;

    /** Undelivered events reach the spool within seconds, and the drainer retries often. */
    public static class ShortKafkaTimeouts implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "civitas.gateway.events.delivery-timeout-millis", "3000",
                    "civitas.gateway.events.request-timeout-millis", "1500",
                    "civitas.gateway.events.max-block-millis", "1000",
                    "civitas.gateway.events.spool.retry-max-millis", "1000");
        }
    }

    RestartableKafkaResource kafka;

    @Test
    void shouldDeliverExactlyOneUsageEventPerRequestServedWhileKafkaWasDown() {
        // Given
        String before = Chat.post(ALPHA_KEY, Chat.body("civitas-echo", "before the outage", "")).header("x-request-id");
        try (EventLog events = EventLog.open()) {
            events.await(EventLog.USAGE_TOPIC, before);
        }
        kafka.stopBroker();

        // When
        List<Response> responses = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            responses.add(Chat.post(ALPHA_KEY, Chat.body("civitas-echo", "while kafka is down " + i, "")));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> spoolDepth() == 2 * REQUESTS);
        kafka.startBroker();

        // Then
        assertThat(responses).allSatisfy(response -> assertThat(response.statusCode()).isEqualTo(200));
        List<String> requestIds = responses.stream().map(response -> response.header("x-request-id")).toList();
        assertThat(requestIds).doesNotHaveDuplicates().hasSize(REQUESTS);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(spoolDepth()).isZero());
        try (EventLog events = EventLog.open().readToEnd()) {
            List<EventLog.Event> usage = requestIds.stream()
                    .flatMap(id -> events.all(EventLog.USAGE_TOPIC, id).stream()).toList();
            assertThat(usage).hasSize(REQUESTS);
            assertThat(usage.stream().map(event -> event.envelope().getEventId()).distinct()).hasSize(REQUESTS);
            assertThat(requestIds.stream().flatMap(id -> events.all(EventLog.AUDIT_TOPIC, id).stream()))
                    .hasSize(REQUESTS);
        }
    }

    private static int spoolDepth() {
        return given().get("/q/health/ready").jsonPath()
                .getInt("checks.find { it.name == 'event-spool' }.data.depth");
    }
}
