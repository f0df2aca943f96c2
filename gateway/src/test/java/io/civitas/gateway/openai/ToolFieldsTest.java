package io.civitas.gateway.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.civitas.gateway.error.InvalidRequestException;

/** tools, tool_choice, response_format and tool messages, as ChatRequestParser reads them. */
class ToolFieldsTest {

    private static final String TOOL = "{\"type\":\"function\",\"function\":{\"name\":\"get_weather\","
            + "\"parameters\":{\"type\":\"object\"}}}";

    private final ChatRequestParser parser = new ChatRequestParser(new ObjectMapper());

    @Test
    void shouldKeepToolsChoiceFormatAndToolTurnsAsJson() {
        // Given
        String body = "{\"model\":\"m\",\"tools\":[" + TOOL + "],\"tool_choice\":\"required\","
                + "\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"w\",\"schema\":{}}},"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"weather?\"},"
                + "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_1\",\"type\":\"function\","
                + "\"function\":{\"name\":\"get_weather\",\"arguments\":\"{}\"}}]},"
                + "{\"role\":\"tool\",\"tool_call_id\":\"call_1\",\"name\":\"get_weather\",\"content\":\"sunny\"}]}";

        // When
        ChatRequest request = parse(body);

        // Then
        assertThat(request.tools().toolsJson()).isEqualTo("[" + TOOL + "]");
        assertThat(request.tools().toolChoiceJson()).isEqualTo("\"required\"");
        assertThat(request.tools().responseFormatJson())
                .isEqualTo("{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"w\",\"schema\":{}}}");
        assertThat(request.messages().get(1)).isEqualTo(new ChatMessage("assistant", "",
                "[{\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\","
                        + "\"arguments\":\"{}\"}}]", "", ""));
        assertThat(request.messages().get(2)).isEqualTo(new ChatMessage("tool", "sunny", "", "call_1",
                "get_weather"));
    }

    @Test
    void shouldNotPassTheDefaultTextFormat() {
        // Given
        String body = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
                + "\"response_format\":{\"type\":\"text\"}}";

        // When
        ChatRequest request = parse(body);

        // Then
        assertThat(request.tools()).isEqualTo(ToolOptions.NONE);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\"tools\":{}|tools",
        "\"tools\":[]|tools",
        "\"tools\":[{\"type\":\"retrieval\"}]|tools[0]",
        "\"tools\":[{\"type\":\"function\",\"function\":{\"parameters\":{}}}]|tools[0]",
        "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\",\"parameters\":3}}]|tools[0]",
        "\"tool_choice\":\"auto\"|tool_choice",
        "\"tools\":[" + TOOL + "],\"tool_choice\":\"always\"|tool_choice",
        "\"tools\":[" + TOOL + "],\"tool_choice\":{\"type\":\"function\"}|tool_choice",
        "\"response_format\":{\"type\":\"xml\"}|response_format",
        "\"response_format\":\"json_object\"|response_format",
        "\"response_format\":{\"type\":\"json_schema\"}|response_format.json_schema"
    })
    void shouldNameTheParameterOfAMalformedToolField(String field, String param) {
        // Given
        String body = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]," + field + "}";

        // When
        InvalidRequestException error = catchThrowableOfType(InvalidRequestException.class, () -> parse(body));

        // Then
        assertThat(error.param()).isEqualTo(param);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"role\":\"tool\",\"content\":\"sunny\"}|messages[0].tool_call_id",
        "{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"c\",\"type\":\"function\"}]}|messages[0].tool_calls[0]",
        "{\"role\":\"assistant\",\"tool_calls\":[]}|messages[0].tool_calls",
        "{\"role\":\"assistant\",\"content\":null}|messages[0].content",
        "{\"role\":\"user\",\"content\":\"hi\",\"name\":7}|messages[0].name"
    })
    void shouldNameTheParameterOfAMalformedToolMessage(String message, String param) {
        // Given
        String body = "{\"model\":\"m\",\"messages\":[" + message + "]}";

        // When
        InvalidRequestException error = catchThrowableOfType(InvalidRequestException.class, () -> parse(body));

        // Then
        assertThat(error.param()).isEqualTo(param);
    }

    private ChatRequest parse(String body) {
        return parser.parse(body.getBytes(StandardCharsets.UTF_8));
    }
}
