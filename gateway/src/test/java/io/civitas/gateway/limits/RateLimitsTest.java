package io.civitas.gateway.limits;

import static io.civitas.gateway.fakes.FakeTenantService.KEY_RPM_3;
import static io.civitas.gateway.fakes.FakeTenantService.KEY_TPM_10;
import static io.civitas.gateway.fakes.FakeTenantService.TENANT_RPM_3_FIRST;
import static io.civitas.gateway.fakes.FakeTenantService.TENANT_RPM_3_SECOND;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.civitas.gateway.fakes.UpstreamServersResource;
import io.civitas.gateway.support.ApiErrors;
import io.civitas.gateway.support.Chat;
import io.civitas.testsupport.KafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** Requests and tokens per minute of a key and of a tenant, answered with OpenAI's 429 and a retry-after header. */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(UpstreamServersResource.class)
class RateLimitsTest {

    private static final String BODY = Chat.body("civitas-echo", "hello", "");

    @Test
    void shouldAnswer429WithRetryAfterOnceAKeyUsedItsRequestsPerMinute() {
        // Given
        for (int i = 0; i < 3; i++) {
            assertThat(Chat.post(KEY_RPM_3, BODY).statusCode()).isEqualTo(200);
        }

        // When
        Response response = Chat.post(KEY_RPM_3, BODY);

        // Then
        assertRateLimited(response, "requests");
        assertThat(response.jsonPath().getString("error.message")).contains("key key-rpm");
    }

    @Test
    void shouldShareATenantsRequestsPerMinuteBetweenItsKeys() {
        // Given
        assertThat(Chat.post(TENANT_RPM_3_FIRST, BODY).statusCode()).isEqualTo(200);
        assertThat(Chat.post(TENANT_RPM_3_FIRST, BODY).statusCode()).isEqualTo(200);
        assertThat(Chat.post(TENANT_RPM_3_SECOND, BODY).statusCode()).isEqualTo(200);

        // When
        Response response = Chat.post(TENANT_RPM_3_SECOND, BODY);

        // Then
        assertRateLimited(response, "requests");
        assertThat(response.jsonPath().getString("error.message")).contains("organization tenant-shared-rpm");
    }

    @Test
    void shouldAnswer429OnceTheTokensOfFinishedRequestsReachTheKeysTokensPerMinute() {
        // Given: each request uses 9 tokens (7 prompt, 2 completion) of the 10 per minute
        assertThat(Chat.post(KEY_TPM_10, BODY).statusCode()).isEqualTo(200);

        // When
        Response[] last = new Response[1];
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
            last[0] = Chat.post(KEY_TPM_10, BODY);
            return last[0].statusCode() != 200;
        });

        // Then
        assertRateLimited(last[0], "tokens");
    }

    private static void assertRateLimited(Response response, String type) {
        ApiErrors.assertError(response, 429, type, "rate_limit_exceeded");
        assertThat(Integer.parseInt(response.header("retry-after"))).isBetween(1, 60);
    }
}
