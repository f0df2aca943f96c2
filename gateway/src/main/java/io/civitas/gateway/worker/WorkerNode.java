package io.civitas.gateway.worker;

import java.util.Objects;
import java.util.concurrent.TimeUnit;

import io.civitas.api.inference.v1.EmbedRequest;
import io.civitas.api.inference.v1.EmbedResponse;
import io.civitas.api.inference.v1.GenerateChunk;
import io.civitas.api.inference.v1.GenerateRequest;
import io.civitas.api.inference.v1.InferenceServiceGrpc;
import io.civitas.api.inference.v1.InferenceServiceGrpc.InferenceServiceStub;
import io.grpc.Channel;
import io.smallrye.mutiny.Multi;

/**
 * One inference worker: its gRPC channel and what it last told the gateway. Calls use the async stub so that
 * cancelling the subscription cancels the gRPC call (the Mutiny stub of Quarkus 3.32 does not).
 */
public final class WorkerNode {

    private final String address;
    private final InferenceServiceStub stub;
    private volatile WorkerState state = WorkerState.UNKNOWN;

    public WorkerNode(String address, Channel channel) {
        this.address = Objects.requireNonNull(address, "address");
        this.stub = InferenceServiceGrpc.newStub(channel);
    }

    /** Where the gateway dials it (host:port), its identity in the pool. */
    public String address() {
        return address;
    }

    public WorkerState state() {
        return state;
    }

    void update(WorkerState newState) {
        this.state = newState;
    }

    InferenceServiceStub stub() {
        return stub;
    }

    /** Starts a generation; failures arrive as WorkerFailureException. */
    Multi<GenerateChunk> generate(GenerateRequest request) {
        return Multi.createFrom().emitter(emitter -> stub.generate(request, new CancellableObserver<>(emitter)));
    }

    /** Computes embeddings within the deadline, as a one-item stream that cancels the call when cancelled. */
    Multi<EmbedResponse> embed(EmbedRequest request, long timeoutMillis) {
        return Multi.createFrom().emitter(emitter -> stub.withDeadlineAfter(timeoutMillis, TimeUnit.MILLISECONDS)
                .embed(request, new CancellableObserver<>(emitter)));
    }

    @Override
    public String toString() {
        return "worker " + address;
    }
}
