package io.civitas.gateway.http;

import io.civitas.api.inference.v1.GenerateChunk;
import io.civitas.gateway.error.ApiError;
import io.civitas.gateway.openai.CompletionFormat;

/** Turns a generation into an HTTP answer: one JSON document or a Server-Sent Events stream. */
sealed interface GenerationResponder permits JsonResponder, SseResponder {

    /** A chunk arrived (already accounted in the exchange). */
    void chunk(ModelExchange exchange, GenerateChunk chunk);

    /** The generation ended well. */
    void complete(ModelExchange exchange);

    /** The request failed; returns the HTTP status the client got. */
    int fail(ModelExchange exchange, ApiError error);

    static GenerationResponder forRequest(ModelExchange exchange, Replies replies, CompletionFormat format) {
        return exchange.request().stream()
                ? new SseResponder(replies, format)
                : new JsonResponder(replies, format);
    }
}
