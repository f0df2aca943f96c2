package io.civitas.worker.grpc;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import io.civitas.api.inference.v1.GenerateRequest;
import io.civitas.api.inference.v1.InferenceServiceGrpc;
import io.civitas.api.inference.v1.InferenceServiceGrpc.InferenceServiceBlockingStub;
import io.civitas.api.inference.v1.SamplingParams;
import io.civitas.worker.engine.InferenceEngine;
import io.grpc.Channel;
import io.grpc.Context;

/**
 * gRPC calls a test opens on the worker, each in its own cancellable context, so that a test can leave long
 * generations running and still end with an idle engine.
 */
public final class WorkerCalls {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Channel channel;
    private final InferenceEngine engine;
    private final List<Context.CancellableContext> calls = new ArrayList<>();

    public WorkerCalls(Channel channel, InferenceEngine engine) {
        this.channel = channel;
        this.engine = engine;
    }

    /** Waits until the model is loaded. */
    public WorkerCalls awaitModelLoaded() {
        await().atMost(Duration.ofSeconds(60)).until(engine::ready);
        return this;
    }

    /** Starts a call with a blocking stub inside a context that {@link #cancelAllAndAwaitIdle()} cancels. */
    public <T> T open(Function<InferenceServiceBlockingStub, T> start) {
        Context.CancellableContext call = Context.current().withCancellation();
        calls.add(call);
        Context previous = call.attach();
        try {
            return start.apply(InferenceServiceGrpc.newBlockingStub(channel));
        } finally {
            call.detach(previous);
        }
    }

    /** Cancels every call opened and waits until nothing runs or waits in the engine. */
    public void cancelAllAndAwaitIdle() {
        calls.forEach(call -> call.cancel(null));
        await().atMost(TIMEOUT).until(() -> engine.load(Duration.ofSeconds(1)).activeSequences() == 0
                && engine.load(Duration.ofSeconds(1)).queueDepth() == 0);
    }

    /** A generation long enough to keep the engine busy for the whole test. */
    public static GenerateRequest longGeneration() {
        return GenerateRequest.newBuilder().setRequestId("req-long").setTenantId("tenant-1")
                .setModel(WorkerTestProfile.MODEL).setPrompt("hello")
                .setSampling(SamplingParams.newBuilder().setMaxTokens(2000)).build();
    }
}
