package io.civitas.gateway.http;

import io.civitas.api.inference.v1.GenerateChunk;
import io.civitas.gateway.error.ApiError;
import io.civitas.gateway.openai.CompletionFormat;
import io.civitas.gateway.openai.CompletionHeader;
import io.civitas.gateway.openai.GenerationRequest;
import io.vertx.core.http.HttpServerResponse;

/**
 * Streams completion chunks. The status line goes out with the first worker chunk, so a failure before it is still a
 * plain HTTP error; a failure after it ends the stream with an error event and no [DONE].
 */
final class SseResponder implements GenerationResponder {

    private static final String DONE = "[DONE]";

    private final Replies replies;
    private final CompletionFormat format;

    SseResponder(Replies replies, CompletionFormat format) {
        this.replies = replies;
        this.format = format;
    }

    @Override
    public void chunk(ModelExchange exchange, GenerateChunk chunk) {
        CompletionHeader header = exchange.header();
        start(exchange, header);
        if (!chunk.getText().isEmpty()) {
            event(exchange.response(), format.textChunk(header, chunk.getText()));
        }
        if (!chunk.getToolCallsJson().isEmpty()) {
            format.toolCallsChunk(header, chunk.getToolCallsJson())
                    .ifPresent(toolCalls -> event(exchange.response(), toolCalls));
        }
    }

    @Override
    public void complete(ModelExchange exchange) {
        CompletionHeader header = exchange.header();
        start(exchange, header);
        HttpServerResponse response = exchange.response();
        event(response, format.finishChunk(header, exchange.openAiFinishReason()));
        if (exchange.request() instanceof GenerationRequest generation && generation.includeUsage()) {
            event(response, format.usageChunk(header, exchange.usage()));
        }
        event(response, DONE);
        response.end();
    }

    @Override
    public int fail(ModelExchange exchange, ApiError error) {
        HttpServerResponse response = exchange.response();
        if (!response.headWritten()) {
            return replies.send(response, error);
        }
        if (!response.closed() && !response.ended()) {
            event(response, replies.format().error(error));
            response.end();
        }
        return response.getStatusCode();
    }

    private void start(ModelExchange exchange, CompletionHeader header) {
        HttpServerResponse response = exchange.response();
        if (response.headWritten()) {
            return;
        }
        response.setStatusCode(200)
                .setChunked(true)
                .putHeader("content-type", "text/event-stream")
                .putHeader("cache-control", "no-cache")
                .putHeader("x-accel-buffering", "no");
        format.openingChunk(header).ifPresent(opening -> event(response, opening));
    }

    private static void event(HttpServerResponse response, String data) {
        if (!response.closed()) {
            response.write("data: " + data + "\n\n");
        }
    }
}
