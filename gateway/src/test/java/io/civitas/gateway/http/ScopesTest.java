package io.civitas.gateway.http;

import static io.civitas.gateway.fakes.FakeTenantService.ALPHA_KEY;
import static io.civitas.gateway.fakes.FakeTenantService.EMBEDDINGS_ONLY_KEY;
import static io.civitas.gateway.fakes.FakeTenantService.EXPIRED_KEY;
import static io.civitas.gateway.fakes.FakeTenantService.INFERENCE_ONLY_KEY;
import static io.civitas.gateway.fakes.FakeTenantService.LAPSED_ENTITLEMENT_KEY;
import static io.civitas.gateway.fakes.FakeTenantService.NO_SCOPES_KEY;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.civitas.gateway.fakes.UpstreamServersResource;
import io.civitas.gateway.support.ApiErrors;
import io.civitas.gateway.support.Chat;
import io.civitas.testsupport.KafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** Keys carry scopes ("inference", "embeddings"), an expiry and entitlement windows; the gateway enforces them. */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(UpstreamServersResource.class)
class ScopesTest {

    @Test
    void shouldServeChatToAKeyWithTheInferenceScope() {
        // When
        Response response = Chat.post(INFERENCE_ONLY_KEY, Chat.body("civitas-echo", "hello", ""));

        // Then
        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void shouldRefuseEmbeddingsToAKeyWithoutTheEmbeddingsScope() {
        // When
        Response response = Chat.post(Chat.EMBEDDINGS, INFERENCE_ONLY_KEY,
                Chat.embeddingBody("civitas-echo", "\"hi\"", ""));

        // Then
        assertInsufficientScope(response);
    }

    @Test
    void shouldServeEmbeddingsToAKeyWithTheEmbeddingsScope() {
        // When
        Response response = Chat.post(Chat.EMBEDDINGS, EMBEDDINGS_ONLY_KEY,
                Chat.embeddingBody("civitas-echo", "\"hi\"", ""));

        // Then
        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void shouldRefuseChatAndTextCompletionsToAKeyWithoutTheInferenceScope() {
        // When
        Response chat = Chat.post(EMBEDDINGS_ONLY_KEY, Chat.body("civitas-echo", "hello", ""));
        Response text = Chat.post(Chat.TEXT_COMPLETIONS, EMBEDDINGS_ONLY_KEY,
                Chat.promptBody("civitas-echo", "hello", ""));

        // Then
        assertInsufficientScope(chat);
        assertInsufficientScope(text);
    }

    @Test
    void shouldAllowNothingToAKeyWithoutScopes() {
        // When
        Response chat = Chat.post(NO_SCOPES_KEY, Chat.body("civitas-echo", "hello", ""));
        Response models = given().header("Authorization", "Bearer " + NO_SCOPES_KEY).get("/v1/models");

        // Then
        assertInsufficientScope(chat);
        assertInsufficientScope(models);
    }

    @Test
    void shouldAnswer401ForAnExpiredKey() {
        // When
        Response response = Chat.post(EXPIRED_KEY, Chat.body("civitas-echo", "hello", ""));

        // Then
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.jsonPath().getString("error.code")).isEqualTo("invalid_api_key");
        assertThat(response.jsonPath().getString("error.message")).contains("expired");
    }

    @Test
    void shouldTreatAModelWhoseEntitlementEndedAsNotFound() {
        // When
        Response lapsed = Chat.post(LAPSED_ENTITLEMENT_KEY, Chat.body("civitas-mini", "hello", ""));
        Response current = Chat.post(ALPHA_KEY, Chat.body("civitas-mini", "hello", ""));

        // Then
        assertThat(lapsed.statusCode()).isEqualTo(404);
        assertThat(lapsed.jsonPath().getString("error.code")).isEqualTo("model_not_found");
        assertThat(current.statusCode()).isEqualTo(200);
    }

    private static void assertInsufficientScope(Response response) {
        ApiErrors.assertError(response, 403, "permission_error", "insufficient_scope");
    }
}
