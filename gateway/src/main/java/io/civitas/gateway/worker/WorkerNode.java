package io.civitas.gateway.worker;

import java.util.List;
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
 * One inference worker: its gRPC channels and what it last told the gateway. Calls use the async stub so that
 * cancelling the subscription cancels the gRPC call (the Mutiny stub of Quarkus 3.32 does not). Generate and Embed
 * run on the channel of the calling event loop, and their answers are taken on that loop's thread (direct executor:
 * the observers only hand items on); the load watch keeps the channel's executor.
 */
public final class WorkerNode {

    private final String address;
    private final InferenceServiceStub stub;
    private final WorkerChannels channels;
    private final List<InferenceServiceStub> callStubs;
    private volatile WorkerState state = WorkerState.UNKNOWN;

    /** A worker reached through one channel (the gRPC client "worker" of the configuration, tests). */
    public WorkerNode(String address, Channel channel) {
        this.address = Objects.requireNonNull(address, "address");
        this.stub = InferenceServiceGrpc.newStub(channel);
        this.channels = null;
        this.callStubs = List.of(stub);
    }

    /** A worker reached through one channel per event loop. */
    WorkerNode(String address, WorkerChannels channels) {
        this.address = Objects.requireNonNull(address, "address");
        this.channels = channels;
        this.stub = InferenceServiceGrpc.newStub(channels.channels().getFirst());
        this.callStubs = channels.channels().stream()
                .map(channel -> InferenceServiceGrpc.newStub(channel).withExecutor(Runnable::run)).toList();
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
        return Multi.createFrom().emitter(emitter -> callStub().generate(request, new CancellableObserver<>(emitter)));
    }

    /** Computes embeddings within the deadline, as a one-item stream that cancels the call when cancelled. */
    Multi<EmbedResponse> embed(EmbedRequest request, long timeoutMillis) {
        return Multi.createFrom().emitter(emitter -> callStub().withDeadlineAfter(timeoutMillis, TimeUnit.MILLISECONDS)
                .embed(request, new CancellableObserver<>(emitter)));
    }

    /** Closes the worker's own channels, if it has any (running calls finish). */
    void shutdown() {
        if (channels != null) {
            channels.shutdown();
        }
    }

    private InferenceServiceStub callStub() {
        return callStubs.get(channels == null ? 0 : channels.indexOfCurrentLoop());
    }

    @Override
    public String toString() {
        return "worker " + address;
    }
}
