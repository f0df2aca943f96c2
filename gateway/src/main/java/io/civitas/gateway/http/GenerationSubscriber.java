package io.civitas.gateway.http;

import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.function.Consumer;

import io.civitas.api.inference.v1.FinishReason;
import io.civitas.api.inference.v1.GenerateChunk;
import io.civitas.gateway.error.WorkerFailureException;
import io.grpc.Status;
import io.smallrye.mutiny.subscription.MultiSubscriber;
import io.vertx.core.http.HttpServerResponse;

/**
 * Feeds worker chunks to a responder one at a time, asking for the next only when the client's connection can take
 * it. Every signal is handed, in order, to the request's event loop.
 */
final class GenerationSubscriber implements MultiSubscriber<GenerateChunk> {

    private final Executor loop;
    private final ModelExchange exchange;
    private final GenerationResponder responder;
    private final Runnable onSuccess;
    private final Consumer<Throwable> onFailure;
    private Flow.Subscription subscription;

    GenerationSubscriber(Executor loop, ModelExchange exchange, GenerationResponder responder, Runnable onSuccess,
            Consumer<Throwable> onFailure) {
        this.loop = loop;
        this.exchange = exchange;
        this.responder = responder;
        this.onSuccess = onSuccess;
        this.onFailure = onFailure;
    }

    @Override
    public void onSubscribe(Flow.Subscription generation) {
        loop.execute(() -> subscribed(generation));
    }

    private void subscribed(Flow.Subscription generation) {
        this.subscription = generation;
        exchange.generating(generation);
        if (exchange.isFinished() || exchange.isClientGone()) {
            generation.cancel();
        } else {
            generation.request(1);
        }
    }

    @Override
    public void onItem(GenerateChunk chunk) {
        loop.execute(() -> item(chunk));
    }

    private void item(GenerateChunk chunk) {
        if (exchange.isFinished()) {
            return;
        }
        exchange.account(chunk);
        try {
            responder.chunk(exchange, chunk);
        } catch (IllegalArgumentException malformed) {
            subscription.cancel();
            onFailure.accept(new WorkerFailureException(Status.Code.INTERNAL,
                    "The worker sent a malformed chunk: " + malformed.getMessage()));
            return;
        }
        HttpServerResponse response = exchange.response();
        if (response.writeQueueFull()) {
            response.drainHandler(ignored -> subscription.request(1));
        } else {
            subscription.request(1);
        }
    }

    @Override
    public void onFailure(Throwable failure) {
        loop.execute(() -> failed(failure));
    }

    private void failed(Throwable failure) {
        if (!exchange.isFinished()) {
            onFailure.accept(failure);
        }
    }

    @Override
    public void onCompletion() {
        loop.execute(this::completed);
    }

    private void completed() {
        if (exchange.isFinished()) {
            return;
        }
        if (exchange.finishReason() == FinishReason.FINISH_REASON_UNSPECIFIED) {
            onFailure.accept(new WorkerFailureException(Status.Code.INTERNAL,
                    "The worker ended the generation without a finish reason."));
            return;
        }
        onSuccess.run();
    }
}
