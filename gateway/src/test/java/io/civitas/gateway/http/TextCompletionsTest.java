package io.civitas.gateway.http;

import static io.civitas.gateway.fakes.FakeTenantService.ALPHA_KEY;
import static io.civitas.gateway.fakes.FakeTenantService.BETA_KEY;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.civitas.api.events.v1.Outcome;
import io.civitas.api.events.v1.RequestServed;
import io.civitas.api.events.v1.UsageRecorded;
import io.civitas.gateway.fakes.UpstreamServersResource;
import io.civitas.gateway.support.Chat;
import io.civitas.gateway.support.EventLog;
import io.civitas.gateway.support.Sse;
import io.civitas.testsupport.KafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(UpstreamServersResource.class)
class TextCompletionsTest {

    @Test
    void shouldAnswerWithTextCompletionFromThePlainPrompt() {
        // Given
        String body = Chat.promptBody("civitas-echo", "hello there", "");

        // When
        Response response = Chat.post(Chat.TEXT_COMPLETIONS, ALPHA_KEY, body);

        // Then
        assertThat(response.statusCode()).isEqualTo(200);
        String requestId = response.header("x-request-id");
        JsonPath json = response.jsonPath();
        assertThat(json.getString("id")).isEqualTo("cmpl-" + requestId);
        assertThat(json.getString("object")).isEqualTo("text_completion");
        assertThat(json.getString("model")).isEqualTo("civitas-echo");
        assertThat(json.getLong("created")).isPositive();
        assertThat(json.getString("choices[0].text")).isEqualTo("Echo: hello there");
        assertThat(json.getInt("choices[0].index")).isZero();
        assertThat(json.getString("choices[0].finish_reason")).isEqualTo("stop");
        // The fake counts 2 prompt tokens for a plain prompt of two words, 8 for the same words as chat.
        assertThat(json.getInt("usage.prompt_tokens")).isEqualTo(2);
        assertThat(json.getInt("usage.completion_tokens")).isEqualTo(3);
        assertThat(json.getInt("usage.total_tokens")).isEqualTo(5);
    }

    @Test
    void shouldAcceptAPromptArrayOfOneString() {
        // Given
        String body = "{\"model\":\"civitas-echo\",\"prompt\":[\"one two three\"],\"max_tokens\":2}";

        // When
        Response response = Chat.post(Chat.TEXT_COMPLETIONS, ALPHA_KEY, body);

        // Then
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.jsonPath().getString("choices[0].text")).isEqualTo("Echo: one");
        assertThat(response.jsonPath().getString("choices[0].finish_reason")).isEqualTo("length");
    }

    @Test
    void shouldPassSamplingParametersToTheWorker() {
        // Given
        String body = Chat.promptBody("civitas-echo", "params",
                "\"temperature\":0.5,\"top_p\":0.25,\"max_tokens\":64,\"stop\":\"END\",\"seed\":42");

        // When
        Response response = Chat.post(Chat.TEXT_COMPLETIONS, ALPHA_KEY, body);

        // Then
        assertThat(response.jsonPath().getString("choices[0].text"))
                .isEqualTo("temperature=0.5;top_p=0.25;max_tokens=64;stop=[END];seed=42");
    }

    @Test
    void shouldAskForSixteenTokensWhenMaxTokensIsNotGivenAsOpenAiDoes() {
        // Given
        String body = Chat.promptBody("civitas-echo", "params", "");

        // When
        Response response = Chat.post(Chat.TEXT_COMPLETIONS, ALPHA_KEY, body);

        // Then
        assertThat(response.jsonPath().getString("choices[0].text")).contains(";max_tokens=16;");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"prompt\":\"hi\"}                                                  | model",
            "{\"model\":\"civitas-echo\"}                                         | prompt",
            "{\"model\":\"civitas-echo\",\"prompt\":[\"a\",\"b\"]}                | prompt",
            "{\"model\":\"civitas-echo\",\"prompt\":[1,2,3]}                      | prompt",
            "{\"model\":\"civitas-echo\",\"prompt\":\"hi\",\"temperature\":3}     | temperature",
            "{\"model\":\"civitas-echo\",\"prompt\":\"hi\",\"n\":2}               | n",
            "{\"model\":\"civitas-echo\",\"prompt\":\"hi\",\"echo\":true}         | echo",
            "{\"model\":\"civitas-echo\",\"prompt\":\"hi\",\"stream_options\":{\"include_usage\":true}} | stream_options"
    })
    void shouldRejectAnInvalidRequestNamingTheParameter(String body, String param) {
        // When
        Response response = Chat.post(Chat.TEXT_COMPLETIONS, ALPHA_KEY, body);

        // Then
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.jsonPath().getString("error.type")).isEqualTo("invalid_request_error");
        assertThat(response.jsonPath().getString("error.param")).isEqualTo(param);
    }

    @Test
    void shouldStreamTextCompletionChunksWithUsageAndDone() {
        // Given
        String body = Chat.promptBody("civitas-echo", "hello there",
                "\"stream\":true,\"stream_options\":{\"include_usage\":true}");

        // When
        Response response = Chat.post(Chat.TEXT_COMPLETIONS, ALPHA_KEY, body);

        // Then
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("text/event-stream");
        List<String> data = Sse.dataLines(response.asString());
        assertThat(data.getLast()).isEqualTo("[DONE]");
        List<JsonPath> chunks = data.subList(0, data.size() - 1).stream().map(JsonPath::from).toList();
        assertThat(chunks).allSatisfy(chunk -> {
            assertThat(chunk.getString("id")).isEqualTo("cmpl-" + response.header("x-request-id"));
            assertThat(chunk.getString("object")).isEqualTo("text_completion");
        });
        List<JsonPath> textChunks = chunks.subList(0, chunks.size() - 1);
        assertThat(textChunks.stream().map(chunk -> chunk.getString("choices[0].text"))
                .collect(Collectors.joining())).isEqualTo("Echo: hello there");
        assertThat(textChunks.getLast().getString("choices[0].finish_reason")).isEqualTo("stop");
        assertThat(chunks.getLast().getList("choices")).isEmpty();
        assertThat(chunks.getLast().getInt("usage.total_tokens")).isEqualTo(5);
    }

    @Test
    void shouldApplyTheSameAuthenticationAsChat() {
        // When
        Response response = given().contentType(ContentType.JSON)
                .body(Chat.promptBody("civitas-echo", "hello", "")).post(Chat.TEXT_COMPLETIONS);

        // Then
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.jsonPath().getString("error.code")).isEqualTo("invalid_api_key");
    }

    @ParameterizedTest
    @CsvSource({
            ALPHA_KEY + ", civitas-large, 404, model_not_found",
            BETA_KEY + ", civitas-echo, 503, no_worker_in_allowed_regions"
    })
    void shouldApplyTheSameEntitlementAndRegionChecksAsChat(String key, String model, int status, String code) {
        // When
        Response response = Chat.post(Chat.TEXT_COMPLETIONS, key, Chat.promptBody(model, "hello", ""));

        // Then
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.jsonPath().getString("error.code")).isEqualTo(code);
    }

    @Test
    void shouldMapAWorkerFailureLikeChat() {
        // When
        Response response = Chat.post(Chat.TEXT_COMPLETIONS, ALPHA_KEY,
                Chat.promptBody("civitas-echo", "fail:RESOURCE_EXHAUSTED", ""));

        // Then
        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.jsonPath().getString("error.code")).isEqualTo("model_overloaded");
    }

    @Test
    void shouldRecordUsageAndAuditEventsForTheCompletionsEndpoint() {
        try (EventLog events = EventLog.open()) {
            // Given
            String body = Chat.promptBody("civitas-echo", "secretive words", "");

            // When
            Response response = Chat.post(Chat.TEXT_COMPLETIONS, ALPHA_KEY, body);

            // Then
            String requestId = response.header("x-request-id");
            UsageRecorded usage = events.await(EventLog.USAGE_TOPIC, requestId).envelope().getUsageRecorded();
            assertThat(usage.getEndpoint()).isEqualTo("POST /v1/completions");
            assertThat(usage.getOutcome()).isEqualTo(Outcome.OUTCOME_SUCCESS);
            assertThat(usage.getPromptTokens()).isEqualTo(2);
            assertThat(usage.getCompletionTokens()).isEqualTo(3);
            RequestServed served = events.await(EventLog.AUDIT_TOPIC, requestId).envelope().getRequestServed();
            assertThat(served.getEndpoint()).isEqualTo("POST /v1/completions");
            assertThat(served.getHttpStatus()).isEqualTo(200);
            assertThat(served.toByteString().toStringUtf8()).doesNotContain("secretive");
        }
    }
}
