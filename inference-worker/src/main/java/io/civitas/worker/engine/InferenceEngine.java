package io.civitas.worker.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.civitas.worker.catalog.EngineFactory;
import io.civitas.worker.catalog.GpuRequirements;
import io.civitas.worker.catalog.ModelCatalog;
import io.civitas.worker.catalog.ModelSpec;
import io.civitas.worker.config.WorkerConfig;
import io.civitas.worker.gpu.GpuInventory;
import io.civitas.worker.metrics.WorkerMetrics;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.MultiEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Serves the configured models: checks their GPU requirements at startup (refusing to start when they are not met),
 * loads and warms each up on its own thread, then runs generations and embeddings on each model's sequence slots
 * behind its bounded admission queue. The worker is ready once every model is. Generations stop as soon as their
 * subscriber cancels; {@link #drain} stops admitting for a graceful shutdown.
 */
@ApplicationScoped
public class InferenceEngine {

    private static final Logger LOGGER = Logger.getLogger(InferenceEngine.class);

    private final Event<ModelStatusChanged> statusEvents;
    private final int defaultMaxTokens;
    private final Map<String, ServingModel> models = new LinkedHashMap<>();
    private final TokenThroughput throughput = new TokenThroughput(System::nanoTime);
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicLong finished = new AtomicLong();
    private final AtomicLong cancelled = new AtomicLong();
    private volatile boolean stopping;
    private volatile boolean draining;

    InferenceEngine(WorkerConfig config, ModelCatalog catalog, EngineFactory engines, GpuInventory gpus,
            Event<ModelStatusChanged> statusEvents, WorkerMetrics metrics) {
        this.statusEvents = statusEvents;
        this.defaultMaxTokens = config.engine().maxTokens();
        GpuRequirements.check(catalog.models(), gpus.devices(), gpus.describe());
        Duration queueTimeout = Duration.ofSeconds(config.engine().queueTimeoutSeconds());
        for (ModelSpec spec : catalog.models()) {
            ServingModel model = new ServingModel(spec, engines.create(spec), config.engine().queueSize(),
                    queueTimeout, metrics.model(spec.id()));
            metrics.watchAdmission(spec.id(), model.admission()::queueDepth, model.admission()::running);
            models.put(spec.id(), model);
        }
    }

    void onStart(@Observes StartupEvent event) {
        statusEvents.fire(new ModelStatusChanged(false));
        models.values().forEach(model -> Thread.ofPlatform().daemon().name("model-loader-" + model.spec().id())
                .start(() -> start(model)));
    }

    private void start(ServingModel model) {
        String id = model.spec().id();
        try {
            long begin = System.nanoTime();
            model.start();
            LOGGER.infof("Model %s (engine %s) loaded and warmed up in %d ms (context %d)", id,
                    model.spec().engine().configName(), (System.nanoTime() - begin) / 1_000_000,
                    model.capabilities().orElseThrow().contextLength());
            if (ready()) {
                statusEvents.fire(new ModelStatusChanged(true));
            }
        } catch (RuntimeException | LinkageError e) {
            LOGGER.errorf(e, "Model %s could not be loaded", id);
        }
    }

    /** Whether every model is loaded and warmed up, and requests are accepted. */
    public boolean ready() {
        return !stopping && !draining && models.values().stream().allMatch(m -> m.capabilities().isPresent());
    }

    /** The models loaded and warmed up. */
    public List<ServedModel> servedModels() {
        return models.values().stream().filter(m -> m.capabilities().isPresent())
                .map(m -> new ServedModel(m.spec().id(), m.spec().engine().configName(),
                        m.spec().engine().placementEngine(), m.capabilities().orElseThrow()))
                .toList();
    }

    /** Current counters. */
    public EngineStats stats() {
        return new EngineStats(active.get(), finished.get(), cancelled.get());
    }

    /** The load now, all models together, with the token rate over the last {@code window}. */
    public LoadSnapshot load(Duration window) {
        int depth = 0;
        int capacity = 0;
        int running = 0;
        int sequences = 0;
        OptionalLong freeKv = OptionalLong.of(0);
        for (ServingModel m : models.values()) {
            depth += m.admission().queueDepth();
            capacity += m.admission().queueCapacity();
            running += m.admission().running();
            sequences += m.admission().maxSequences();
            OptionalLong free = m.engine().freeKvTokens();
            freeKv = freeKv.isPresent() && free.isPresent() ? OptionalLong.of(freeKv.getAsLong() + free.getAsLong())
                    : OptionalLong.empty();
        }
        return new LoadSnapshot(depth, capacity, running, sequences, throughput.perSecond(window), freeKv, draining,
                servedModels().stream().map(ServedModel::id).toList(), Instant.now());
    }

    /**
     * Streams a completion; the last chunk carries the finish reason. Cancelling stops the generation (or withdraws
     * it from the queue).
     *
     * @param callerTimeLeft time until the caller's deadline, when it has one: the request expires in the queue then
     */
    public Multi<GenerationChunk> generate(String modelId, String tenantId, PromptInput input, Sampling sampling,
            Optional<Duration> callerTimeLeft) {
        return Multi.createFrom().emitter(emitter -> {
            try {
                ServingModel model = modelFor(modelId);
                int maxTokens = sampling.maxTokens() == 0 ? defaultMaxTokens : sampling.maxTokens();
                GenerationRequest request = new GenerationRequest(tenantId, input, sampling.withMaxTokens(maxTokens),
                        origin());
                TokenCounter counter = new TokenCounter(emitter::emit, throughput, model.meters(), System::nanoTime);
                Cancellation cancellation = new Cancellation();
                AtomicReference<AdmissionController.Ticket> ticket = new AtomicReference<>();
                emitter.onTermination(() -> {
                    cancellation.cancel();
                    Optional.ofNullable(ticket.get()).ifPresent(AdmissionController.Ticket::withdraw);
                });
                ticket.set(model.admission().admit(() -> run(model, request, counter, emitter, cancellation),
                        emitter::fail, callerTimeLeft));
                if (cancellation.getAsBoolean()) {
                    ticket.get().withdraw();
                }
            } catch (RuntimeException e) {
                emitter.fail(e);
            }
        });
    }

    /** The event loop (Vert.x context) the caller subscribed on, if any: see {@link GenerationRequest#origin()}. */
    private static Executor origin() {
        Context context = Vertx.currentContext();
        return context == null || !context.isEventLoopContext() ? Runnable::run
                : task -> context.runOnContext(v -> task.run());
    }

    private void run(ServingModel model, GenerationRequest request, TokenCounter counter,
            MultiEmitter<? super GenerationChunk> emitter, Cancellation cancellation) {
        active.incrementAndGet();
        try {
            Optional<FinishReason> reason = cancellation.getAsBoolean() || stopping ? Optional.empty()
                    : model.engine().generate(request, counter, cancellation);
            if (reason.isPresent()) {
                finished.incrementAndGet();
                emitter.complete();
            } else if (stopping) {
                emitter.fail(new ModelNotReadyException("the worker is shutting down"));
            } else {
                cancelled.incrementAndGet();
                LOGGER.debug("Generation cancelled by its caller");
            }
        } catch (RuntimeException e) {
            emitter.fail(e);
        } finally {
            active.decrementAndGet();
        }
    }

    /** Embeds each input. */
    public Uni<List<Embedding>> embed(String modelId, List<String> inputs) {
        return Uni.createFrom().emitter(emitter -> {
            try {
                if (inputs.isEmpty()) {
                    throw new InvalidRequestException("inputs must not be empty");
                }
                ServingModel model = modelFor(modelId);
                AdmissionController.Ticket ticket = model.admission().admit(() -> {
                    try {
                        emitter.complete(model.engine().embed(inputs));
                    } catch (RuntimeException e) {
                        emitter.fail(e);
                    }
                }, emitter::fail, Optional.empty());
                emitter.onTermination(ticket::withdraw);
            } catch (RuntimeException e) {
                emitter.fail(e);
            }
        });
    }

    private ServingModel modelFor(String modelId) {
        ServingModel model = models.get(modelId);
        if (model == null) {
            throw new ModelNotFoundException(modelId);
        }
        if (draining) {
            throw new WorkerDrainingException();
        }
        if (model.capabilities().isEmpty() || stopping) {
            throw new ModelNotReadyException("model '" + modelId + "' is not loaded yet");
        }
        return model;
    }

    /**
     * Stops admitting (new requests fail with {@link WorkerDrainingException}, queued ones too), reports not ready,
     * and waits up to {@code grace} for the running sequences of all models to finish.
     *
     * @return whether they all finished in time
     */
    public boolean drain(Duration grace) throws InterruptedException {
        draining = true;
        models.values().forEach(m -> m.admission().drain());
        statusEvents.fire(new ModelStatusChanged(false));
        long deadline = System.nanoTime() + grace.toNanos();
        for (ServingModel m : models.values()) {
            Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
            if (!m.admission().awaitIdle(left)) {
                return false;
            }
        }
        return true;
    }

    @PreDestroy
    void stop() {
        stopping = true;
        statusEvents.fire(new ModelStatusChanged(false));
        models.values().forEach(ServingModel::close);
    }
}
