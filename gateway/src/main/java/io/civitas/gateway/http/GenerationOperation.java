package io.civitas.gateway.http;

import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.civitas.gateway.openai.ChatRequestParser;
import io.civitas.gateway.openai.CompletionFormat;
import io.civitas.gateway.openai.GenerateRequests;
import io.civitas.gateway.openai.GenerationRequest;
import io.civitas.gateway.openai.ModelRequest;
import io.civitas.gateway.openai.TextCompletionRequestParser;
import io.civitas.gateway.worker.WorkerClient;

/** Chat and text completions: one generation on a worker, answered as JSON or SSE in the endpoint's format. */
final class GenerationOperation implements ModelOperation {

    private final String endpoint;
    private final Function<byte[], GenerationRequest> parser;
    private final CompletionFormat format;
    private final WorkerClient worker;
    private final Replies replies;

    private GenerationOperation(String endpoint, Function<byte[], GenerationRequest> parser, CompletionFormat format,
            WorkerClient worker, Replies replies) {
        this.endpoint = endpoint;
        this.parser = parser;
        this.format = format;
        this.worker = worker;
        this.replies = replies;
    }

    /** POST /v1/chat/completions. */
    static GenerationOperation chat(WorkerClient worker, Replies replies, ObjectMapper mapper) {
        return new GenerationOperation("POST " + Routes.CHAT_COMPLETIONS, new ChatRequestParser(mapper)::parse,
                replies.format().chat(), worker, replies);
    }

    /** POST /v1/completions. */
    static GenerationOperation text(WorkerClient worker, Replies replies, ObjectMapper mapper) {
        return new GenerationOperation("POST " + Routes.COMPLETIONS, new TextCompletionRequestParser(mapper)::parse,
                replies.format().text(), worker, replies);
    }

    @Override
    public String endpoint() {
        return endpoint;
    }

    @Override
    public ModelRequest parse(byte[] body) {
        return parser.apply(body);
    }

    @Override
    public void run(ModelExchange exchange, Executor loop, Runnable succeeded, Consumer<Throwable> failed) {
        GenerationResponder responder = GenerationResponder.forRequest(exchange, replies, format);
        exchange.respondsWith(responder);
        GenerationRequest request = (GenerationRequest) exchange.request();
        worker.generate(GenerateRequests.of(exchange.requestId(), exchange.grant().tenantId(), request),
                exchange.grant().allowedRegions(), placement -> loop.execute(() -> exchange.placedOn(placement)))
                .subscribe().withSubscriber(new GenerationSubscriber(loop, exchange, responder,
                        () -> {
                            responder.complete(exchange);
                            succeeded.run();
                        },
                        failed));
    }
}
