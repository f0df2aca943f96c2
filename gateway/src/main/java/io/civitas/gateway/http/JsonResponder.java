package io.civitas.gateway.http;

import io.civitas.api.inference.v1.GenerateChunk;
import io.civitas.gateway.error.ApiError;
import io.civitas.gateway.openai.CompletionFormat;
import io.civitas.gateway.openai.ToolCallAccumulator;

/** Collects the text and tool calls and answers with one completion object. */
final class JsonResponder implements GenerationResponder {

    private final Replies replies;
    private final CompletionFormat format;
    private final StringBuilder text = new StringBuilder();
    private final ToolCallAccumulator toolCalls;

    JsonResponder(Replies replies, CompletionFormat format) {
        this.replies = replies;
        this.format = format;
        this.toolCalls = format.newToolCalls();
    }

    @Override
    public void chunk(ModelExchange exchange, GenerateChunk chunk) {
        text.append(chunk.getText());
        if (!chunk.getToolCallsJson().isEmpty()) {
            toolCalls.add(chunk.getToolCallsJson());
        }
    }

    @Override
    public void complete(ModelExchange exchange) {
        replies.json(exchange.response(), 200, format.completion(exchange.header(), text.toString(), toolCalls,
                exchange.openAiFinishReason(), exchange.usage()));
    }

    @Override
    public int fail(ModelExchange exchange, ApiError error) {
        return replies.send(exchange.response(), error);
    }
}
