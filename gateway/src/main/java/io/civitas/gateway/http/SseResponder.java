package io.civitas.gateway.http;

import io.civitas.api.inference.v1.GenerateChunk;
import io.civitas.gateway.error.ApiError;
import io.civitas.gateway.openai.CompletionHeader;
import io.civitas.gateway.openai.OpenAiFormat;
import io.vertx.core.http.HttpServerResponse;

/**
 * Streams chat.completion.chunk events. The status line goes out with the first worker chunk, so a failure before it
 * is still a plain HTTP error; a failure after it ends the stream with an error event and no [DONE].
 */
final class SseResponder implements ChatResponder {

    private static final String DONE = "[DONE]";

    private final Replies replies;
    private final OpenAiFormat format;

    SseResponder(Replies replies) {
        this.replies = replies;
        this.format = replies.format();
    }

    @Override
    public void chunk(CompletionExchange exchange, GenerateChunk chunk) {
        CompletionHeader header = exchange.header();
        start(exchange, header);
        if (!chunk.getText().isEmpty()) {
            event(exchange.response(), format.textChunk(header, chunk.getText()));
        }
    }

    @Override
    public void complete(CompletionExchange exchange) {
        CompletionHeader header = exchange.header();
        start(exchange, header);
        HttpServerResponse response = exchange.response();
        event(response, format.finishChunk(header, exchange.openAiFinishReason()));
        if (exchange.request().includeUsage()) {
            event(response, format.usageChunk(header, exchange.usage()));
        }
        event(response, DONE);
        response.end();
    }

    @Override
    public int fail(CompletionExchange exchange, ApiError error) {
        HttpServerResponse response = exchange.response();
        if (!response.headWritten()) {
            replies.json(response, error.httpStatus(), format.error(error));
            return error.httpStatus();
        }
        if (!response.closed() && !response.ended()) {
            event(response, format.error(error));
            response.end();
        }
        return response.getStatusCode();
    }

    private void start(CompletionExchange exchange, CompletionHeader header) {
        HttpServerResponse response = exchange.response();
        if (response.headWritten()) {
            return;
        }
        response.setStatusCode(200)
                .setChunked(true)
                .putHeader("content-type", "text/event-stream")
                .putHeader("cache-control", "no-cache")
                .putHeader("x-accel-buffering", "no");
        event(response, format.roleChunk(header));
    }

    private static void event(HttpServerResponse response, String data) {
        if (!response.closed()) {
            response.write("data: " + data + "\n\n");
        }
    }
}
