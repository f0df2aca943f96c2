package io.civitas.gateway.http;

import static io.civitas.gateway.fakes.FakeTenantService.ALPHA_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.civitas.api.events.v1.EventEnvelope;
import io.civitas.api.events.v1.EventType;
import io.civitas.api.events.v1.Outcome;
import io.civitas.api.events.v1.RequestServed;
import io.civitas.api.events.v1.UsageRecorded;
import io.civitas.gateway.fakes.UpstreamServersResource;
import io.civitas.gateway.support.Chat;
import io.civitas.gateway.support.EventLog;
import io.civitas.gateway.support.EventLogPerTest;
import io.civitas.gateway.support.Sse;
import io.civitas.testsupport.KafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(UpstreamServersResource.class)
class UsageEventsTest extends EventLogPerTest {

    @TestHTTPResource(Chat.COMPLETIONS)
    URI completions;

    @Test
    void shouldRecordUsageEqualToTheResponseUsage() {
        // Given
        String body = Chat.body("civitas-echo", "count these words please", "");

        // When
        Response response = Chat.post(ALPHA_KEY, body);

        // Then
        String requestId = response.header("x-request-id");
        EventLog.Event event = events.await(EventLog.USAGE_TOPIC, requestId);
        assertThat(event.key()).isEqualTo("tenant-alpha");
        EventEnvelope envelope = event.envelope();
        assertThat(envelope.getEventId()).isEqualTo(requestId);
        assertThat(envelope.getType()).isEqualTo(EventType.EVENT_TYPE_USAGE_RECORDED);
        assertThat(envelope.getSchemaVersion()).isEqualTo(1);
        assertThat(envelope.getProducer()).isEqualTo("gateway");
        assertThat(envelope.getTenantId()).isEqualTo("tenant-alpha");
        assertThat(envelope.getOccurredAt().getSeconds()).isPositive();
        UsageRecorded usage = envelope.getUsageRecorded();
        assertThat(usage.getPromptTokens()).isEqualTo(response.jsonPath().getInt("usage.prompt_tokens"));
        assertThat(usage.getCompletionTokens()).isEqualTo(response.jsonPath().getInt("usage.completion_tokens"));
        assertThat(usage.getCompletionTokens()).isEqualTo(5);
        assertThat(usage.getKeyId()).isEqualTo("key-alpha");
        assertThat(usage.getModel()).isEqualTo("civitas-echo");
        assertThat(List.of(usage.getRegion(), usage.getWorkerId(), usage.getNode(), usage.getGpu()))
                .containsExactly("eu-central", "worker-1", "node-a", "gpu-0");
        assertThat(usage.getOutcome()).isEqualTo(Outcome.OUTCOME_SUCCESS);
        assertThat(usage.getStreamed()).isFalse();
        assertThat(usage.getEndpoint()).isEqualTo("POST /v1/chat/completions");
        assertThat(usage.getDurationMs()).isGreaterThanOrEqualTo(usage.getTimeToFirstTokenMs());
    }

    @Test
    void shouldRecordAnAuditEventWithoutText() {
        // Given
        String body = Chat.body("civitas-echo", "secretive prompt text", "");

        // When
        Response response = Chat.post(ALPHA_KEY, body);

        // Then
        String requestId = response.header("x-request-id");
        EventEnvelope envelope = events.await(EventLog.AUDIT_TOPIC, requestId).envelope();
        assertThat(envelope.getType()).isEqualTo(EventType.EVENT_TYPE_REQUEST_SERVED);
        assertThat(envelope.getEventId()).isNotEqualTo(requestId).matches("[0-9a-f-]{36}");
        RequestServed served = envelope.getRequestServed();
        assertThat(served.getHttpStatus()).isEqualTo(200);
        assertThat(served.getOutcome()).isEqualTo(Outcome.OUTCOME_SUCCESS);
        assertThat(served.getTenantId()).isEqualTo("tenant-alpha");
        assertThat(served.getKeyId()).isEqualTo("key-alpha");
        assertThat(served.getEndpoint()).isEqualTo("POST /v1/chat/completions");
        assertThat(served.getWorkerId()).isEqualTo("worker-1");
        assertThat(served.getPromptTokens()).isEqualTo(response.jsonPath().getInt("usage.prompt_tokens"));
        assertThat(served.getClientAddress()).isNotBlank();
        assertThat(envelope.toByteString().toStringUtf8()).doesNotContain("secretive", "Echo");
    }

    @Test
    void shouldRecordStreamedUsageEqualToTheUsageChunk() {
        // Given
        String body = Chat.body("civitas-echo", "stream me",
                "\"stream\":true,\"stream_options\":{\"include_usage\":true}");

        // When
        Response response = Chat.post(ALPHA_KEY, body);

        // Then
        List<String> data = Sse.dataLines(response.asString());
        JsonPath usageChunk = JsonPath.from(data.get(data.size() - 2));
        UsageRecorded usage = events.await(EventLog.USAGE_TOPIC, response.header("x-request-id"))
                .envelope().getUsageRecorded();
        assertThat(usage.getStreamed()).isTrue();
        assertThat(usage.getOutcome()).isEqualTo(Outcome.OUTCOME_SUCCESS);
        assertThat(usage.getPromptTokens()).isEqualTo(usageChunk.getInt("usage.prompt_tokens"));
        assertThat(usage.getCompletionTokens()).isEqualTo(usageChunk.getInt("usage.completion_tokens"));
    }

    @Test
    void shouldRecordARejectedRequestWithoutTokens() {
        // Given
        String body = Chat.body("civitas-large", "hello", "");

        // When
        Response response = Chat.post(ALPHA_KEY, body);

        // Then
        String requestId = response.header("x-request-id");
        UsageRecorded usage = events.await(EventLog.USAGE_TOPIC, requestId).envelope().getUsageRecorded();
        assertThat(usage.getOutcome()).isEqualTo(Outcome.OUTCOME_REJECTED);
        assertThat(usage.getPromptTokens() + usage.getCompletionTokens()).isZero();
        RequestServed served = events.await(EventLog.AUDIT_TOPIC, requestId).envelope().getRequestServed();
        assertThat(served.getHttpStatus()).isEqualTo(404);
        assertThat(served.getModel()).isEqualTo("civitas-large");
    }

    @Test
    void shouldRecordAWorkerFailureAsError() {
        // Given
        String body = Chat.body("civitas-echo", "fail:UNAVAILABLE", "");

        // When
        Response response = Chat.post(ALPHA_KEY, body);

        // Then
        RequestServed served = events.await(EventLog.AUDIT_TOPIC, response.header("x-request-id"))
                .envelope().getRequestServed();
        assertThat(served.getOutcome()).isEqualTo(Outcome.OUTCOME_ERROR);
        assertThat(served.getHttpStatus()).isEqualTo(503);
    }

    @Test
    void shouldRecordARequestServedOverHttp2ExactlyOnce() throws Exception {
        // Given
        HttpClient http2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        HttpRequest request = HttpRequest.newBuilder(completions)
                .header("Authorization", "Bearer " + ALPHA_KEY)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Chat.body("civitas-echo", "over http two", ""))).build();

        // When
        HttpResponse<String> response = http2.send(request, HttpResponse.BodyHandlers.ofString());
        String laterRequestId = Chat.post(ALPHA_KEY, Chat.body("civitas-echo", "later", "")).header("x-request-id");

        // Then
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
        String requestId = response.headers().firstValue("x-request-id").orElseThrow();
        events.await(EventLog.AUDIT_TOPIC, laterRequestId);
        assertThat(events.all(EventLog.AUDIT_TOPIC, requestId)).singleElement()
                .extracting(event -> event.envelope().getRequestServed().getOutcome())
                .isEqualTo(Outcome.OUTCOME_SUCCESS);
        assertThat(events.all(EventLog.USAGE_TOPIC, requestId)).singleElement()
                .extracting(event -> event.envelope().getUsageRecorded().getOutcome())
                .isEqualTo(Outcome.OUTCOME_SUCCESS);
    }
}
