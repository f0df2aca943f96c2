package io.civitas.gateway.worker;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import io.civitas.api.inference.v1.EmbedRequest;
import io.civitas.api.inference.v1.EmbedResponse;
import io.civitas.api.inference.v1.GenerateChunk;
import io.civitas.api.inference.v1.GenerateRequest;
import io.civitas.api.inference.v1.InferenceServiceGrpc;
import io.civitas.api.inference.v1.InferenceServiceGrpc.InferenceServiceStub;
import io.civitas.api.inference.v1.ListModelsRequest;
import io.civitas.api.inference.v1.MutinyInferenceServiceGrpc.MutinyInferenceServiceStub;
import io.civitas.gateway.config.GatewayConfig;
import io.civitas.gateway.error.WorkerFailureException;
import io.grpc.Channel;
import io.quarkus.grpc.GrpcClient;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** The one inference worker of this slice: its catalog (cached) and generation. */
@ApplicationScoped
public class WorkerClient {

    private final MutinyInferenceServiceStub worker;
    private final InferenceServiceStub streams;
    private final long listTimeoutMillis;
    private final long embedTimeoutMillis;
    private final Duration catalogTtl;
    private volatile CachedCatalog cached;

    private record CachedCatalog(WorkerCatalog catalog, long fetchedAtNanos) {
    }

    public WorkerClient(@GrpcClient("worker") MutinyInferenceServiceStub worker,
            @GrpcClient("worker") Channel channel, GatewayConfig config) {
        this.worker = worker;
        this.streams = InferenceServiceGrpc.newStub(channel);
        this.listTimeoutMillis = config.worker().listModelsTimeoutMillis();
        this.embedTimeoutMillis = config.worker().embedTimeoutMillis();
        this.catalogTtl = Duration.ofSeconds(config.worker().modelsCacheTtlSeconds());
    }

    /** The worker's models and placement, cached for the configured time; failures are not cached. */
    public Uni<WorkerCatalog> catalog() {
        CachedCatalog current = cached;
        if (current != null && System.nanoTime() - current.fetchedAtNanos() < catalogTtl.toNanos()) {
            return Uni.createFrom().item(current.catalog());
        }
        return fetchCatalog().invoke(fresh -> cached = new CachedCatalog(fresh, System.nanoTime()));
    }

    /**
     * Starts a generation; failures arrive as {@link WorkerFailureException}. Cancelling the subscription cancels the
     * gRPC call (the Mutiny stub of Quarkus 3.32 does not, so this uses the async stub).
     */
    public Multi<GenerateChunk> generate(GenerateRequest request) {
        return Multi.createFrom().emitter(emitter -> streams.generate(request, new CancellableObserver<>(emitter)));
    }

    /** Computes embeddings; failures arrive as {@link WorkerFailureException}. */
    public Uni<EmbedResponse> embed(EmbedRequest request) {
        return worker.withDeadlineAfter(embedTimeoutMillis, TimeUnit.MILLISECONDS)
                .embed(request)
                .onFailure().transform(WorkerFailureException::from);
    }

    private Uni<WorkerCatalog> fetchCatalog() {
        return worker.withDeadlineAfter(listTimeoutMillis, TimeUnit.MILLISECONDS)
                .listModels(ListModelsRequest.getDefaultInstance())
                .map(WorkerCatalog::from)
                .onFailure().transform(WorkerFailureException::from);
    }
}
