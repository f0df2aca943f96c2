package io.civitas.gateway.openai;

import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** chat.completion and chat.completion.chunk: text in an assistant message, or in a delta when streamed. */
public final class ChatCompletionFormat extends CompletionFormat {

    public ChatCompletionFormat(ObjectMapper mapper) {
        super(mapper, "chatcmpl-", "chat.completion", "chat.completion.chunk");
    }

    /** The first chunk: the assistant role with empty content. */
    @Override
    public Optional<String> openingChunk(CompletionHeader header) {
        return Optional.of(chunk(header,
                choice -> choice.putObject("delta").put("role", "assistant").put("content", ""), null));
    }

    @Override
    protected void wholeText(ObjectNode choice, String text) {
        choice.putObject("message").put("role", "assistant").put("content", text);
    }

    @Override
    protected void chunkText(ObjectNode choice, String text) {
        ObjectNode delta = choice.putObject("delta");
        if (text != null) {
            delta.put("content", text);
        }
    }
}
