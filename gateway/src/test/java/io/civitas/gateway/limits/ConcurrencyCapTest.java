package io.civitas.gateway.limits;

import static io.civitas.gateway.fakes.FakeTenantService.TENANT_CONCURRENCY_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.civitas.gateway.fakes.UpstreamServersResource;
import io.civitas.gateway.support.ApiErrors;
import io.civitas.gateway.support.Chat;
import io.civitas.gateway.support.HeldStream;
import io.civitas.testsupport.KafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** Tenant "conc" may have one request in flight; the slot comes back on completion, failure and cancellation. */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(UpstreamServersResource.class)
class ConcurrencyCapTest {

    private static final String BODY = Chat.body("civitas-echo", "hello", "");

    @Test
    void shouldAnswer429WhileTheTenantsOnlySlotIsTakenAndServeAgainOnceTheClientWentAway() throws Exception {
        // Given
        Response refused;
        HeldStream held = HeldStream.open(TENANT_CONCURRENCY_1);

        // When
        try (held) {
            refused = Chat.post(TENANT_CONCURRENCY_1, BODY);
        }

        // Then
        ApiErrors.assertError(refused, 429, "requests", "concurrency_limit_exceeded");
        assertThat(refused.header("retry-after")).isEqualTo("1");
        Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> Chat.post(TENANT_CONCURRENCY_1, BODY).statusCode() == 200);
    }

    @Test
    void shouldFreeTheSlotWhenARequestCompletes() {
        // Given
        assertThat(Chat.post(TENANT_CONCURRENCY_1, BODY).statusCode()).isEqualTo(200);

        // When / Then: the slot is freed right after the answer is written, so the next request may race it briefly
        Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> Chat.post(TENANT_CONCURRENCY_1, BODY).statusCode() == 200);
    }

    @Test
    void shouldFreeTheSlotWhenARequestFails() {
        // Given
        assertThat(Chat.post(TENANT_CONCURRENCY_1, Chat.body("civitas-echo", "fail:INTERNAL", "")).statusCode())
                .isEqualTo(502);

        // When / Then: the slot is freed right after the answer is written, so the next request may race it briefly
        Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> Chat.post(TENANT_CONCURRENCY_1, BODY).statusCode() == 200);
    }
}
