package io.civitas.gateway.budget;

import static io.civitas.gateway.fakes.FakeTenantService.GAMMA_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.civitas.api.events.v1.BudgetStateChanged.State;
import io.civitas.gateway.fakes.UpstreamServersResource;
import io.civitas.gateway.support.ApiErrors;
import io.civitas.gateway.support.Chat;
import io.civitas.gateway.support.Events;
import io.civitas.testsupport.KafkaResource;
import io.civitas.testsupport.KafkaTestClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** billing-service's budget states on the real broker: EXHAUSTED refuses, WARNING passes with a header. */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(UpstreamServersResource.class)
class BudgetsTest {

    private static final String TOPIC = "civitas.budget-state.v1";
    private static final String TENANT = "tenant-gamma";
    private static final String BODY = Chat.body("civitas-echo", "hello", "");
    private static final Duration WAIT = Duration.ofSeconds(15);

    @Inject
    BudgetStateListener listener;

    @Test
    void shouldRefuseAnExhaustedTenantIgnoreAnOlderStateAndServeAgainWithAWarning() throws Exception {
        // Given
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(listener::isFollowing);
        assertThat(Chat.post(GAMMA_KEY, BODY).statusCode()).isEqualTo(200);

        try (KafkaTestClient kafka = new KafkaTestClient()) {
            // When
            kafka.send(TOPIC, TENANT, Events.budgetState(TENANT, State.EXHAUSTED, 5).toByteArray());

            // Then
            Awaitility.await().atMost(WAIT).untilAsserted(() -> assertInsufficientQuota(Chat.post(GAMMA_KEY, BODY)));

            // When: an older OK, then a marker for another tenant that is read after it
            kafka.send(TOPIC, TENANT, Events.budgetState(TENANT, State.OK, 4).toByteArray());
            kafka.send(TOPIC, "tenant-marker", Events.budgetState("tenant-marker", State.WARNING, 1).toByteArray());
            Awaitility.await().atMost(WAIT).until(() -> listener.book().warningPercent("tenant-marker").isPresent());

            // Then
            assertInsufficientQuota(Chat.post(GAMMA_KEY, BODY));

            // When
            kafka.send(TOPIC, TENANT, Events.budgetState(TENANT, State.WARNING, 6).toByteArray());
        }

        // Then
        Awaitility.await().atMost(WAIT).untilAsserted(() -> {
            Response response = Chat.post(GAMMA_KEY, BODY);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.header("x-civitas-budget-warning")).isEqualTo("80");
        });
    }

    private static void assertInsufficientQuota(Response response) {
        ApiErrors.assertError(response, 429, "insufficient_quota", "insufficient_quota");
        assertThat(response.header("retry-after")).isNull();
    }
}
