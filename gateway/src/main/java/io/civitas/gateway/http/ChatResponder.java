package io.civitas.gateway.http;

import io.civitas.api.inference.v1.GenerateChunk;
import io.civitas.gateway.error.ApiError;

/** Turns a generation into an HTTP answer: one JSON document or a Server-Sent Events stream. */
sealed interface ChatResponder permits JsonResponder, SseResponder {

    /** A chunk arrived (already accounted in the exchange). */
    void chunk(CompletionExchange exchange, GenerateChunk chunk);

    /** The generation ended well. */
    void complete(CompletionExchange exchange);

    /** The request failed; returns the HTTP status the client got. */
    int fail(CompletionExchange exchange, ApiError error);

    static ChatResponder forRequest(CompletionExchange exchange, Replies replies) {
        return exchange.request() != null && exchange.request().stream()
                ? new SseResponder(replies)
                : new JsonResponder(replies);
    }
}
