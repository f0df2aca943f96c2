package io.civitas.gateway.http;

import io.civitas.api.inference.v1.GenerateChunk;
import io.civitas.gateway.error.ApiError;
import io.civitas.gateway.openai.CompletionFormat;

/** Collects the text and answers with one completion object. */
final class JsonResponder implements GenerationResponder {

    private final Replies replies;
    private final CompletionFormat format;
    private final StringBuilder text = new StringBuilder();

    JsonResponder(Replies replies, CompletionFormat format) {
        this.replies = replies;
        this.format = format;
    }

    @Override
    public void chunk(ModelExchange exchange, GenerateChunk chunk) {
        text.append(chunk.getText());
    }

    @Override
    public void complete(ModelExchange exchange) {
        replies.json(exchange.response(), 200, format.completion(exchange.header(), text.toString(),
                exchange.openAiFinishReason(), exchange.usage()));
    }

    @Override
    public int fail(ModelExchange exchange, ApiError error) {
        return replies.send(exchange.response(), error);
    }
}
