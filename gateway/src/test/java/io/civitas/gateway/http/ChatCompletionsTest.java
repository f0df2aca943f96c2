package io.civitas.gateway.http;

import static io.civitas.gateway.fakes.FakeTenantService.ALPHA_KEY;
import static io.civitas.gateway.fakes.FakeTenantService.BETA_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.civitas.gateway.fakes.UpstreamServersResource;
import io.civitas.gateway.support.Chat;
import io.civitas.testsupport.KafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(UpstreamServersResource.class)
class ChatCompletionsTest {

    @Test
    void shouldAnswerWithChatCompletionInOpenAiShape() {
        // Given
        String body = Chat.body("civitas-echo", "hello there", "");

        // When
        Response response = Chat.post(ALPHA_KEY, body);

        // Then
        assertThat(response.statusCode()).isEqualTo(200);
        String requestId = response.header("x-request-id");
        assertThat(requestId).matches("[0-9a-f-]{36}");
        JsonPath json = response.jsonPath();
        assertThat(json.getString("id")).isEqualTo("chatcmpl-" + requestId);
        assertThat(json.getString("object")).isEqualTo("chat.completion");
        assertThat(json.getString("model")).isEqualTo("civitas-echo");
        assertThat(json.getLong("created")).isPositive();
        assertThat(json.getString("choices[0].message.role")).isEqualTo("assistant");
        assertThat(json.getString("choices[0].message.content")).isEqualTo("Echo: hello there");
        assertThat(json.getString("choices[0].finish_reason")).isEqualTo("stop");
        assertThat(json.getInt("usage.prompt_tokens")).isEqualTo(8);
        assertThat(json.getInt("usage.completion_tokens")).isEqualTo(3);
        assertThat(json.getInt("usage.total_tokens")).isEqualTo(11);
    }

    @Test
    void shouldGiveEachRequestItsOwnId() {
        // Given
        String body = Chat.body("civitas-echo", "hello", "");

        // When
        String first = Chat.post(ALPHA_KEY, body).header("x-request-id");
        String second = Chat.post(ALPHA_KEY, body).header("x-request-id");

        // Then
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void shouldReportLengthWhenMaxTokensIsReached() {
        // Given
        String body = Chat.body("civitas-echo", "one two three four", "\"max_completion_tokens\":2");

        // When
        Response response = Chat.post(ALPHA_KEY, body);

        // Then
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.jsonPath().getString("choices[0].message.content")).isEqualTo("Echo: one");
        assertThat(response.jsonPath().getString("choices[0].finish_reason")).isEqualTo("length");
        assertThat(response.jsonPath().getInt("usage.completion_tokens")).isEqualTo(2);
    }

    @Test
    void shouldPassSamplingParametersToTheWorker() {
        // Given
        String body = Chat.body("civitas-echo", "params",
                "\"temperature\":0.5,\"top_p\":0.25,\"max_tokens\":64,\"stop\":[\"END\",\"###\"],\"seed\":42");

        // When
        Response response = Chat.post(ALPHA_KEY, body);

        // Then
        assertThat(response.jsonPath().getString("choices[0].message.content"))
                .isEqualTo("temperature=0.5;top_p=0.25;max_tokens=64;stop=[END, ###];seed=42");
    }

    @Test
    void shouldPassASingleStopStringToTheWorker() {
        // Given
        String body = Chat.body("civitas-echo", "params", "\"stop\":\"END\"");

        // When
        Response response = Chat.post(ALPHA_KEY, body);

        // Then
        assertThat(response.jsonPath().getString("choices[0].message.content"))
                .isEqualTo("temperature=0.0;top_p=0.0;max_tokens=0;stop=[END];seed=none");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}                         | model",
            "{\"model\":\"civitas-echo\"}                                                    | messages",
            "{\"model\":\"civitas-echo\",\"messages\":[]}                                    | messages",
            "{\"model\":\"civitas-echo\",\"messages\":[{\"role\":\"wizard\",\"content\":\"hi\"}]} | messages[0].role",
            "{\"model\":\"civitas-echo\",\"messages\":[{\"role\":\"user\"}]}                 | messages[0].content",
            "{\"model\":\"civitas-echo\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"temperature\":2.5} | temperature",
            "{\"model\":\"civitas-echo\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"top_p\":-0.1}     | top_p",
            "{\"model\":\"civitas-echo\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"max_tokens\":0}   | max_tokens",
            "{\"model\":\"civitas-echo\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"stop\":[1]}       | stop",
            "{\"model\":\"civitas-echo\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"stream_options\":{\"include_usage\":true}} | stream_options"
    })
    void shouldRejectAnInvalidRequestNamingTheParameter(String body, String param) {
        // When
        Response response = Chat.post(ALPHA_KEY, body);

        // Then
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.jsonPath().getString("error.type")).isEqualTo("invalid_request_error");
        assertThat(response.jsonPath().getString("error.param")).isEqualTo(param);
        assertThat(response.jsonPath().getString("error.message")).isNotBlank();
    }

    @Test
    void shouldRejectABodyThatIsNotJson() {
        // When
        Response response = Chat.post(ALPHA_KEY, "not json");

        // Then
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.jsonPath().getString("error.type")).isEqualTo("invalid_request_error");
    }

    @Test
    void shouldAnswerModelNotFoundForAModelTheKeyMayNotUse() {
        // Given
        String body = Chat.body("civitas-large", "hello", "");

        // When
        Response response = Chat.post(ALPHA_KEY, body);

        // Then
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.jsonPath().getString("error.code")).isEqualTo("model_not_found");
        assertThat(response.jsonPath().getString("error.type")).isEqualTo("invalid_request_error");
        assertThat(response.jsonPath().getString("error.message")).contains("civitas-large");
    }

    @Test
    void shouldFailClosedWhenNoWorkerRunsInTheTenantsRegions() {
        // Given
        String body = Chat.body("civitas-echo", "hello", "");

        // When
        Response response = Chat.post(BETA_KEY, body);

        // Then
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.jsonPath().getString("error.code")).isEqualTo("no_worker_in_allowed_regions");
        assertThat(response.jsonPath().getString("error.message")).contains("civitas-echo", "allowed regions");
    }

    @ParameterizedTest
    @CsvSource({
            "INVALID_ARGUMENT, 400, invalid_request_error, invalid_value",
            "NOT_FOUND, 404, invalid_request_error, model_not_found",
            "RESOURCE_EXHAUSTED, 429, server_error, model_overloaded",
            "UNAVAILABLE, 503, server_error, service_unavailable",
            "INTERNAL, 502, server_error, upstream_error",
            "DEADLINE_EXCEEDED, 502, server_error, upstream_error"
    })
    void shouldMapWorkerErrorsToOpenAiErrors(String grpcCode, int status, String type, String code) {
        // Given
        String body = Chat.body("civitas-echo", "fail:" + grpcCode, "");

        // When
        Response response = Chat.post(ALPHA_KEY, body);

        // Then
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.header("x-request-id")).isNotBlank();
        assertThat(response.jsonPath().getString("error.type")).isEqualTo(type);
        assertThat(response.jsonPath().getString("error.code")).isEqualTo(code);
    }

    @Test
    void shouldAnswerBadGatewayWhenTheWorkerEndsWithoutFinishReason() {
        // Given
        String body = Chat.body("civitas-echo", "no-finish", "");

        // When
        Response response = Chat.post(ALPHA_KEY, body);

        // Then
        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.jsonPath().getString("error.code")).isEqualTo("upstream_error");
    }
}
