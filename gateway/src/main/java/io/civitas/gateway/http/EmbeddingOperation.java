package io.civitas.gateway.http;

import java.util.concurrent.Executor;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.civitas.api.inference.v1.EmbedRequest;
import io.civitas.api.inference.v1.EmbedResponse;
import io.civitas.gateway.auth.Scope;
import io.civitas.gateway.error.WorkerFailureException;
import io.civitas.gateway.openai.EmbeddingRequest;
import io.civitas.gateway.openai.EmbeddingRequestParser;
import io.civitas.gateway.openai.ModelRequest;
import io.civitas.gateway.openai.Usage;
import io.civitas.gateway.worker.WorkerClient;
import io.grpc.Status;
import io.smallrye.mutiny.subscription.Cancellable;

/** POST /v1/embeddings: one Embed call on a worker (cancelled when the client goes away), answered as an OpenAI embedding list. */
final class EmbeddingOperation implements ModelOperation {

    private final EmbeddingRequestParser parser;
    private final WorkerClient worker;
    private final Replies replies;

    EmbeddingOperation(WorkerClient worker, Replies replies, ObjectMapper mapper) {
        this.parser = new EmbeddingRequestParser(mapper);
        this.worker = worker;
        this.replies = replies;
    }

    @Override
    public String endpoint() {
        return "POST " + Routes.EMBEDDINGS;
    }

    @Override
    public Scope scope() {
        return Scope.EMBEDDINGS;
    }

    @Override
    public ModelRequest parse(byte[] body) {
        return parser.parse(body);
    }

    @Override
    public void run(ModelExchange exchange, Executor loop, Runnable succeeded, Consumer<Throwable> failed) {
        EmbeddingRequest request = (EmbeddingRequest) exchange.request();
        EmbedRequest embed = EmbedRequest.newBuilder()
                .setRequestId(exchange.requestId())
                .setModel(request.model())
                .addAllInputs(request.inputs())
                .setTenantId(exchange.grant().tenantId())
                .build();
        Cancellable call = worker.embed(embed, exchange.grant().allowedRegions(),
                placement -> loop.execute(() -> exchange.placedOn(placement)))
                .emitOn(loop)
                .subscribe().with(
                        response -> answer(exchange, request, response, succeeded, failed),
                        failed);
        exchange.cancelsWith(call::cancel);
    }

    private void answer(ModelExchange exchange, EmbeddingRequest request, EmbedResponse response, Runnable succeeded,
            Consumer<Throwable> failed) {
        if (exchange.isFinished()) {
            return;
        }
        if (response.getEmbeddingsCount() != request.inputs().size()) {
            failed.accept(new WorkerFailureException(Status.Code.INTERNAL,
                    "The worker returned " + response.getEmbeddingsCount() + " embeddings for "
                            + request.inputs().size() + " inputs."));
            return;
        }
        exchange.answered(new Usage(response.getPromptTokens(), 0),
                response.hasPlacement() ? response.getPlacement() : null);
        replies.json(exchange.response(), 200, replies.format().embeddings(request.model(),
                response.getEmbeddingsList(), request.encodingFormat(), response.getPromptTokens()));
        succeeded.run();
    }
}
