package io.civitas.gateway.http;

import static io.civitas.gateway.fakes.FakeTenantService.ALPHA_KEY;
import static io.civitas.gateway.fakes.FakeTenantService.KEY_WHILE_DOWN;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.civitas.gateway.fakes.UpstreamServersResource;
import io.civitas.gateway.support.Chat;
import io.civitas.gateway.support.EventLog;
import io.civitas.gateway.support.EventLogPerTest;
import io.civitas.testsupport.KafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(UpstreamServersResource.class)
class AuthenticationTest extends EventLogPerTest {

    @Test
    void shouldAnswer401InOpenAiShapeWithoutAKeyAndRecordNoUsage() {
        // Given
        String body = Chat.body("civitas-echo", "hello", "");

        // When
        Response response = given().contentType(ContentType.JSON).body(body).post(Chat.COMPLETIONS);

        // Then
        assertInvalidApiKey(response);
        assertNoUsageRecorded(response.header("x-request-id"));
    }

    @Test
    void shouldAnswer401InOpenAiShapeForAWrongKeyAndRecordNoUsage() {
        // Given
        String body = Chat.body("civitas-echo", "hello", "");

        // When
        Response response = Chat.post("sk-civitas-not-a-real-key", body);

        // Then
        assertInvalidApiKey(response);
        assertThat(response.asString()).doesNotContain("sk-civitas-not-a-real-key");
        assertNoUsageRecorded(response.header("x-request-id"));
    }

    @Test
    void shouldAnswer401ForAWrongSchemeOnModels() {
        // When
        Response response = given().header("Authorization", "Basic " + ALPHA_KEY).get("/v1/models");

        // Then
        assertInvalidApiKey(response);
    }

    @Test
    void shouldFailClosedWith503WhenTenantServiceIsUnavailable() {
        // Given
        String body = Chat.body("civitas-echo", "hello", "");

        // When
        Response response = Chat.post(KEY_WHILE_DOWN, body);

        // Then
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.jsonPath().getString("error.type")).isEqualTo("server_error");
        assertThat(response.jsonPath().getString("error.code")).isEqualTo("service_unavailable");
        assertThat(response.jsonPath().getString("error.message")).isNotBlank();
    }

    private static void assertInvalidApiKey(Response response) {
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.header("x-request-id")).isNotBlank();
        assertThat(response.jsonPath().getMap("error")).containsOnlyKeys("message", "type", "param", "code");
        assertThat(response.jsonPath().getString("error.type")).isEqualTo("invalid_request_error");
        assertThat(response.jsonPath().getString("error.code")).isEqualTo("invalid_api_key");
        assertThat(response.jsonPath().getString("error.param")).isNull();
        assertThat(response.jsonPath().getString("error.message")).isNotBlank();
    }

    /** Events go out in request order on one partition: once a later request's usage is read, none can follow. */
    private void assertNoUsageRecorded(String rejectedRequestId) {
        String markerId = Chat.post(ALPHA_KEY, Chat.body("civitas-echo", "marker", "")).header("x-request-id");
        events.await(EventLog.USAGE_TOPIC, markerId);
        assertThat(events.find(EventLog.USAGE_TOPIC, rejectedRequestId)).isEmpty();
        assertThat(events.find(EventLog.AUDIT_TOPIC, rejectedRequestId)).isEmpty();
    }
}
