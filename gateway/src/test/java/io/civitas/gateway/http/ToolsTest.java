package io.civitas.gateway.http;

import static io.civitas.gateway.fakes.FakeTenantService.ALPHA_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.civitas.gateway.fakes.UpstreamServersResource;
import io.civitas.gateway.support.Chat;
import io.civitas.gateway.support.Sse;
import io.civitas.testsupport.KafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** tools, tool_choice and response_format passed through; tool calls relayed as deltas or merged; 422. */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(UpstreamServersResource.class)
class ToolsTest {

    private static final String TOOLS = "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\","
            + "\"parameters\":{\"type\":\"object\"}}}]";

    @Test
    void shouldPassToolFieldsAndToolTurnsToTheWorker() {
        // Given
        String body = "{\"model\":\"civitas-echo\"," + TOOLS + ",\"tool_choice\":\"auto\","
                + "\"response_format\":{\"type\":\"json_object\"},\"messages\":["
                + "{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"call_9\",\"type\":\"function\","
                + "\"function\":{\"name\":\"get_weather\",\"arguments\":\"{}\"}}]},"
                + "{\"role\":\"tool\",\"tool_call_id\":\"call_9\",\"content\":\"sunny\"},"
                + "{\"role\":\"user\",\"content\":\"echo-tools\"}]}";

        // When
        Response response = Chat.post(ALPHA_KEY, body);

        // Then
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.jsonPath().getString("choices[0].message.content").split(" ")).containsExactly(
                "tools=[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"parameters\":{\"type\":"
                        + "\"object\"}}}]",
                "choice=\"auto\"",
                "format={\"type\":\"json_object\"}",
                "assistant[calls=[{\"id\":\"call_9\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\","
                        + "\"arguments\":\"{}\"}}],id=,name=]",
                "tool[calls=,id=call_9,name=]",
                "user[calls=,id=,name=]");
    }

    @Test
    void shouldMergeToolCallDeltasIntoTheMessage() {
        // Given
        String body = Chat.body("civitas-echo", "call-tool", TOOLS);

        // When
        Response response = Chat.post(ALPHA_KEY, body);

        // Then
        assertThat(response.statusCode()).isEqualTo(200);
        JsonPath json = response.jsonPath();
        assertThat(json.getString("choices[0].finish_reason")).isEqualTo("tool_calls");
        assertThat(json.getString("choices[0].message.role")).isEqualTo("assistant");
        assertThat(json.getString("choices[0].message.content")).isNull();
        assertThat(json.getList("choices[0].message.tool_calls")).hasSize(1);
        assertThat(json.getString("choices[0].message.tool_calls[0].id")).isEqualTo("call_1");
        assertThat(json.getString("choices[0].message.tool_calls[0].type")).isEqualTo("function");
        assertThat(json.getString("choices[0].message.tool_calls[0].function.name")).isEqualTo("get_weather");
        assertThat(json.getString("choices[0].message.tool_calls[0].function.arguments"))
                .isEqualTo("{\"city\":\"Paris\"}");
        assertThat(json.getInt("usage.completion_tokens")).isEqualTo(3);
    }

    @Test
    void shouldRelayToolCallDeltasInTheStream() {
        // Given
        String body = Chat.body("civitas-echo", "call-tool", TOOLS + ",\"stream\":true");

        // When
        Response response = Chat.post(ALPHA_KEY, body);

        // Then
        List<String> data = Sse.dataLines(response.asString());
        assertThat(data.getLast()).isEqualTo("[DONE]");
        List<JsonPath> deltas = data.stream().filter(line -> line.contains("tool_calls\":[")).map(JsonPath::from)
                .toList();
        assertThat(deltas).hasSize(3);
        assertThat(deltas.getFirst().getString("choices[0].delta.tool_calls[0].id")).isEqualTo("call_1");
        assertThat(deltas.getFirst().getString("choices[0].delta.tool_calls[0].function.name"))
                .isEqualTo("get_weather");
        assertThat(deltas.stream().map(delta -> delta.getString("choices[0].delta.tool_calls[0].function.arguments"))
                .reduce("", String::concat)).isEqualTo("{\"city\":\"Paris\"}");
        assertThat(JsonPath.from(data.get(data.size() - 2)).getString("choices[0].finish_reason"))
                .isEqualTo("tool_calls");
    }

    @Test
    void shouldAnswer422WhenTheEngineCannotHonourTools() {
        // Given
        String body = Chat.body("civitas-mini", "hello", "\"response_format\":{\"type\":\"json_object\"}");

        // When
        Response response = Chat.post(ALPHA_KEY, body);

        // Then
        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.jsonPath().getString("error.type")).isEqualTo("invalid_request_error");
        assertThat(response.jsonPath().getString("error.code")).isEqualTo("unsupported_feature");
        assertThat(response.jsonPath().getString("error.message")).contains("not supported");
    }

    @Test
    void shouldAnswer400ForAMalformedTool() {
        // Given
        String body = Chat.body("civitas-echo", "hello", "\"tools\":[{\"type\":\"function\"}]");

        // When
        Response response = Chat.post(ALPHA_KEY, body);

        // Then
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.jsonPath().getString("error.param")).isEqualTo("tools[0]");
    }
}
