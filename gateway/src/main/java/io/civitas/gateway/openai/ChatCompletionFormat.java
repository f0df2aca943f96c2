package io.civitas.gateway.openai;

import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * chat.completion and chat.completion.chunk: text and tool calls in an assistant message, or in deltas when streamed.
 */
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

    /** message.tool_calls; the content is null when the model only called tools. */
    @Override
    protected void wholeToolCalls(ObjectNode choice, ToolCallAccumulator toolCalls) {
        ObjectNode message = (ObjectNode) choice.get("message");
        message.set("tool_calls", toolCalls.merged());
        if (message.path("content").asText().isEmpty()) {
            message.putNull("content");
        }
    }

    /** delta.tool_calls, as the worker sent them. */
    @Override
    public Optional<String> toolCallsChunk(CompletionHeader header, String deltasJson) {
        return Optional.of(chunk(header,
                choice -> choice.putObject("delta").set("tool_calls", ToolCallAccumulator.deltas(mapper, deltasJson)),
                null));
    }

    @Override
    protected void chunkText(ObjectNode choice, String text) {
        ObjectNode delta = choice.putObject("delta");
        if (text != null) {
            delta.put("content", text);
        }
    }
}
