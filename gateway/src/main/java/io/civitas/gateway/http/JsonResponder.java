package io.civitas.gateway.http;

import io.civitas.api.inference.v1.GenerateChunk;
import io.civitas.gateway.error.ApiError;

/** Collects the text and answers with one chat.completion. */
final class JsonResponder implements ChatResponder {

    private final Replies replies;
    private final StringBuilder text = new StringBuilder();

    JsonResponder(Replies replies) {
        this.replies = replies;
    }

    @Override
    public void chunk(CompletionExchange exchange, GenerateChunk chunk) {
        text.append(chunk.getText());
    }

    @Override
    public void complete(CompletionExchange exchange) {
        replies.json(exchange.response(), 200, replies.format().completion(exchange.header(), text.toString(),
                exchange.openAiFinishReason(), exchange.usage()));
    }

    @Override
    public int fail(CompletionExchange exchange, ApiError error) {
        replies.json(exchange.response(), error.httpStatus(), replies.format().error(error));
        return error.httpStatus();
    }
}
