package io.civitas.gateway.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.civitas.gateway.error.InvalidRequestException;

class ChatRequestParserTest {

    private final ChatRequestParser parser = new ChatRequestParser(new ObjectMapper());

    @Test
    void shouldReadAFullRequest() {
        // Given
        String body = """
                {"model":"m","messages":[{"role":"developer","content":"rules"},
                 {"role":"user","content":[{"type":"text","text":"hel"},{"type":"text","text":"lo"}]}],
                 "max_tokens":10,"max_completion_tokens":20,"temperature":1,"top_p":0.5,"stop":"x","seed":7,
                 "n":1,"stream":true,"stream_options":{"include_usage":true},"user":"ignored"}
                """;

        // When
        ChatRequest request = parse(body);

        // Then
        assertThat(request.model()).isEqualTo("m");
        assertThat(request.messages()).containsExactly(new ChatMessage("system", "rules"),
                new ChatMessage("user", "hello"));
        assertThat(request.sampling()).isEqualTo(new Sampling(1.0, 0.5, 20, List.of("x"), 7L));
        assertThat(request.stream()).isTrue();
        assertThat(request.includeUsage()).isTrue();
    }

    @Test
    void shouldTreatNullOptionalFieldsAsAbsent() {
        // Given
        String body = """
                {"model":"m","messages":[{"role":"user","content":"hi"}],"temperature":null,"stop":null,
                 "stream":null,"stream_options":null}
                """;

        // When
        ChatRequest request = parse(body);

        // Then
        assertThat(request.sampling()).isEqualTo(new Sampling(null, null, null, List.of(), null));
        assertThat(request.stream()).isFalse();
    }

    @Test
    void shouldRejectMoreThanOneChoice() {
        // Given
        String body = """
                {"model":"m","messages":[{"role":"user","content":"hi"}],"n":2}
                """;

        // When
        InvalidRequestException error = catchThrowableOfType(InvalidRequestException.class, () -> parse(body));

        // Then
        assertThat(error.param()).isEqualTo("n");
    }

    @Test
    void shouldRejectTooManyStopSequences() {
        // Given
        String body = """
                {"model":"m","messages":[{"role":"user","content":"hi"}],"stop":["a","b","c","d","e"]}
                """;

        // When
        InvalidRequestException error = catchThrowableOfType(InvalidRequestException.class, () -> parse(body));

        // Then
        assertThat(error.param()).isEqualTo("stop");
    }

    @Test
    void shouldRejectANonTextContentPart() {
        // Given
        String body = """
                {"model":"m","messages":[{"role":"user","content":"hi"},
                 {"role":"user","content":[{"type":"image_url","image_url":{"url":"x"}}]}]}
                """;

        // When
        InvalidRequestException error = catchThrowableOfType(InvalidRequestException.class, () -> parse(body));

        // Then
        assertThat(error.param()).isEqualTo("messages[1].content");
    }

    private ChatRequest parse(String body) {
        return parser.parse(body.getBytes(StandardCharsets.UTF_8));
    }
}
