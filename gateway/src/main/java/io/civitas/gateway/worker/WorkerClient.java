package io.civitas.gateway.worker;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.civitas.api.inference.v1.EmbedRequest;
import io.civitas.api.inference.v1.EmbedResponse;
import io.civitas.api.inference.v1.GenerateChunk;
import io.civitas.api.inference.v1.GenerateRequest;
import io.civitas.api.inference.v1.ModelInfo;
import io.civitas.api.inference.v1.Placement;
import io.civitas.gateway.config.GatewayConfig;
import io.civitas.gateway.error.NoEligibleWorkerException;
import io.civitas.gateway.error.WorkerFailureException;
import io.grpc.Status;
import io.smallrye.mutiny.Multi;

/**
 * Runs calls on the pool's workers: only a worker that serves the model in one of the tenant's regions (none: fail
 * closed with {@link NoEligibleWorkerException}), chosen by {@link WorkerSelector}; a worker that refuses
 * (RESOURCE_EXHAUSTED, UNAVAILABLE) before answering anything is replaced by another eligible one, a bounded number
 * of times. Failures arrive as {@link WorkerFailureException}; cancelling a subscription cancels its gRPC call.
 */
@ApplicationScoped
public class WorkerClient {

    private static final Logger LOGGER = Logger.getLogger(WorkerClient.class);

    private final WorkerPool pool;
    private final int maxAttempts;
    private final long embedTimeoutMillis;

    public WorkerClient(WorkerPool pool, GatewayConfig config) {
        this.pool = pool;
        this.maxAttempts = Math.max(1, config.worker().maxAttempts());
        this.embedTimeoutMillis = config.worker().embedTimeoutMillis();
    }

    /** Starts a generation; {@code placed} hears the placement of each worker tried. */
    public Multi<GenerateChunk> generate(GenerateRequest request, Set<String> regions, Consumer<Placement> placed) {
        return attempt(request.getModel(), regions, placed, node -> node.generate(request),
                ConcurrentHashMap.newKeySet());
    }

    /** Computes embeddings, as a stream of the one answer; {@code placed} hears each worker tried. */
    public Multi<EmbedResponse> embed(EmbedRequest request, Set<String> regions, Consumer<Placement> placed) {
        return attempt(request.getModel(), regions, placed, node -> node.embed(request, embedTimeoutMillis),
                ConcurrentHashMap.newKeySet());
    }

    /** The models the workers in {@code regions} serve now. */
    public List<ModelInfo> models(Set<String> regions) {
        return pool.models(regions);
    }

    private <R> Multi<R> attempt(String model, Set<String> regions, Consumer<Placement> placed,
            Function<WorkerNode, Multi<R>> call, Set<String> tried) {
        return Multi.createFrom().deferred(() -> {
            WorkerNode node = WorkerSelector.choose(pool.eligible(model, regions, tried),
                    candidate -> candidate.state().load(), ThreadLocalRandom.current())
                    .orElseThrow(() -> new NoEligibleWorkerException(model));
            tried.add(node.address());
            placed.accept(node.state().placement());
            AtomicBoolean answered = new AtomicBoolean();
            return call.apply(node)
                    .onItem().invoke(() -> answered.set(true))
                    .onFailure(failure -> !answered.get() && failsOver(failure) && tried.size() < maxAttempts
                            && !pool.eligible(model, regions, tried).isEmpty())
                    .recoverWithMulti(failure -> {
                        LOGGER.infof("Worker refused, trying another: worker=%s status=%s", node.address(),
                                ((WorkerFailureException) failure).code());
                        return attempt(model, regions, placed, call, tried);
                    });
        });
    }

    private static boolean failsOver(Throwable failure) {
        return failure instanceof WorkerFailureException worker
                && (worker.code() == Status.Code.RESOURCE_EXHAUSTED || worker.code() == Status.Code.UNAVAILABLE);
    }
}
