package io.civitas.gateway.http;

import static io.civitas.gateway.fakes.FakeTenantService.ALPHA_KEY;
import static io.civitas.gateway.fakes.FakeTenantService.BETA_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.civitas.api.events.v1.Outcome;
import io.civitas.api.events.v1.RequestServed;
import io.civitas.api.events.v1.UsageRecorded;
import io.civitas.gateway.fakes.UpstreamServersResource;
import io.civitas.gateway.support.Chat;
import io.civitas.gateway.support.EventLog;
import io.civitas.gateway.support.RawHttp;
import io.civitas.testsupport.KafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(UpstreamServersResource.class)
class EmbeddingsTest {

    @Test
    void shouldCancelTheWorkerCallWhenTheClientDisconnects() throws IOException {
        // Given
        String token = UUID.randomUUID().toString();
        byte[] body = Chat.embeddingBody("civitas-echo", "\"hang " + token + "\"", "")
                .getBytes(StandardCharsets.UTF_8);
        Socket client = RawHttp.open("POST " + Chat.EMBEDDINGS + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Authorization: Bearer " + ALPHA_KEY + "\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body.length + "\r\n\r\n", body);
        await().atMost(Duration.ofSeconds(10)).until(() -> askWorker("was-started " + token),
                "started=true"::equals);

        // When
        client.close();

        // Then
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(askWorker("was-cancelled " + token))
                .isEqualTo("cancelled=true"));
    }

    private static String askWorker(String question) {
        return Chat.post(ALPHA_KEY, Chat.body("civitas-echo", question, "")).jsonPath()
                .getString("choices[0].message.content");
    }

    @Test
    void shouldAnswerOneFloatEmbeddingPerInputInOpenAiShape() {
        // Given
        String body = Chat.embeddingBody("civitas-echo", "[\"hello there\",\"one\"]", "");

        // When
        Response response = Chat.post(Chat.EMBEDDINGS, ALPHA_KEY, body);

        // Then
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.header("x-request-id")).isNotBlank();
        JsonPath json = response.jsonPath();
        assertThat(json.getString("object")).isEqualTo("list");
        assertThat(json.getString("model")).isEqualTo("civitas-echo");
        assertThat(json.getList("data.object")).containsExactly("embedding", "embedding");
        assertThat(json.getList("data.index", Integer.class)).containsExactly(0, 1);
        assertThat(json.getList("data[0].embedding", Float.class)).containsExactly(2f, 0f, 0.25f);
        assertThat(json.getList("data[1].embedding", Float.class)).containsExactly(1f, 1f, 0.25f);
        assertThat(json.getMap("usage")).containsOnlyKeys("prompt_tokens", "total_tokens");
        assertThat(json.getInt("usage.prompt_tokens")).isEqualTo(3);
        assertThat(json.getInt("usage.total_tokens")).isEqualTo(3);
    }

    @Test
    void shouldAnswerBase64OfLittleEndianFloat32WhenAskedTo() {
        // Given
        String body = Chat.embeddingBody("civitas-echo", "\"hello there\"", "\"encoding_format\":\"base64\"");

        // When
        Response response = Chat.post(Chat.EMBEDDINGS, ALPHA_KEY, body);

        // Then
        assertThat(response.statusCode()).isEqualTo(200);
        byte[] decoded = Base64.getDecoder().decode(response.jsonPath().getString("data[0].embedding"));
        ByteBuffer bytes = ByteBuffer.wrap(decoded).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(bytes.remaining()).isEqualTo(3 * Float.BYTES);
        assertThat(List.of(bytes.getFloat(), bytes.getFloat(), bytes.getFloat())).containsExactly(2f, 0f, 0.25f);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"input\":\"hi\"}                                                        | model",
            "{\"model\":\"civitas-echo\"}                                               | input",
            "{\"model\":\"civitas-echo\",\"input\":[]}                                  | input",
            "{\"model\":\"civitas-echo\",\"input\":\"\"}                                | input",
            "{\"model\":\"civitas-echo\",\"input\":[\"a\",7]}                           | input",
            "{\"model\":\"civitas-echo\",\"input\":\"hi\",\"encoding_format\":\"hex\"} | encoding_format"
    })
    void shouldRejectAnInvalidRequestNamingTheParameter(String body, String param) {
        // When
        Response response = Chat.post(Chat.EMBEDDINGS, ALPHA_KEY, body);

        // Then
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.jsonPath().getString("error.type")).isEqualTo("invalid_request_error");
        assertThat(response.jsonPath().getString("error.param")).isEqualTo(param);
    }

    @ParameterizedTest
    @CsvSource({
            "sk-civitas-wrong, civitas-echo, hi, 401, invalid_api_key",
            ALPHA_KEY + ", civitas-large, hi, 404, model_not_found",
            BETA_KEY + ", civitas-echo, hi, 503, no_worker_in_allowed_regions",
            ALPHA_KEY + ", civitas-echo, fail:UNAVAILABLE, 503, service_unavailable"
    })
    void shouldAnswerOpenAiErrorsLikeTheOtherEndpoints(String key, String model, String input, int status,
            String code) {
        // When
        Response response = Chat.post(Chat.EMBEDDINGS, key, Chat.embeddingBody(model, "\"" + input + "\"", ""));

        // Then
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.jsonPath().getString("error.code")).isEqualTo(code);
    }

    @Test
    void shouldRecordPromptTokensOnlyAndAnAuditEvent() {
        try (EventLog events = EventLog.open()) {
            // Given
            String body = Chat.embeddingBody("civitas-echo", "[\"secretive words here\"]", "");

            // When
            Response response = Chat.post(Chat.EMBEDDINGS, ALPHA_KEY, body);

            // Then
            String requestId = response.header("x-request-id");
            UsageRecorded usage = events.await(EventLog.USAGE_TOPIC, requestId).envelope().getUsageRecorded();
            assertThat(usage.getEndpoint()).isEqualTo("POST /v1/embeddings");
            assertThat(usage.getOutcome()).isEqualTo(Outcome.OUTCOME_SUCCESS);
            assertThat(usage.getPromptTokens()).isEqualTo(3);
            assertThat(usage.getCompletionTokens()).isZero();
            assertThat(usage.getStreamed()).isFalse();
            assertThat(usage.getWorkerId()).isEqualTo("worker-1");
            RequestServed served = events.await(EventLog.AUDIT_TOPIC, requestId).envelope().getRequestServed();
            assertThat(served.getEndpoint()).isEqualTo("POST /v1/embeddings");
            assertThat(served.getHttpStatus()).isEqualTo(200);
            assertThat(served.toByteString().toStringUtf8()).doesNotContain("secretive");
        }
    }
}
