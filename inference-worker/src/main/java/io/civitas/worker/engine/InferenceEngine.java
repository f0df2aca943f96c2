package io.civitas.worker.engine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.civitas.worker.config.WorkerConfig;
import io.civitas.worker.metrics.ModelMeters;
import io.civitas.worker.metrics.WorkerMetrics;
import io.civitas.worker.model.TestModelGenerator;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.MultiEmitter;

/**
 * Serves the configured model: loads it at startup (generating the tiny test model first when configured and
 * absent), then runs generations and embeddings on sequence slots behind the bounded admission queue. Generations
 * stop as soon as their subscriber cancels; {@link #drain()} stops admitting for a graceful shutdown.
 */
@ApplicationScoped
public class InferenceEngine {

    private static final Logger LOGGER = Logger.getLogger(InferenceEngine.class);

    private final WorkerConfig config;
    private final Event<ModelStatusChanged> statusEvents;
    private final AdmissionController admission;
    private final ModelMeters meters;
    private final TokenThroughput throughput = new TokenThroughput(System::nanoTime);
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicLong finished = new AtomicLong();
    private final AtomicLong cancelled = new AtomicLong();
    private volatile JlamaModel model;
    private volatile boolean stopping;

    InferenceEngine(WorkerConfig config, Event<ModelStatusChanged> statusEvents, WorkerMetrics metrics) {
        if (config.engine().maxSequences() != 1) {
            throw new IllegalArgumentException("civitas.worker.engine.max-sequences must be 1 for the Jlama engine");
        }
        this.config = config;
        this.statusEvents = statusEvents;
        this.admission = new AdmissionController("inference-engine", config.engine().maxSequences(),
                config.engine().queueSize(), Duration.ofSeconds(config.engine().queueTimeoutSeconds()));
        this.meters = metrics.model(config.model().id());
        metrics.watchAdmission(config.model().id(), admission::queueDepth, admission::running);
    }

    void onStart(@Observes StartupEvent event) {
        statusEvents.fire(new ModelStatusChanged(false));
        Thread.ofPlatform().daemon().name("model-loader").start(this::load);
    }
    private void load() {
        Path dir = Path.of(config.model().dir());
        try {
            if (!Files.exists(dir.resolve("config.json"))) {
                if (!config.model().generateIfMissing()) {
                    throw new IllegalStateException("no config.json in " + dir.toAbsolutePath());
                }
                LOGGER.infof("Generating the test model into %s", dir.toAbsolutePath());
                TestModelGenerator.generate(dir);
            }
            Path kvDir = Path.of(config.dataDir(), "kv", config.model().id());
            long start = System.nanoTime();
            model = JlamaModel.load(dir, kvDir, config.engine().threads());
            LOGGER.infof("Model %s loaded from %s in %d ms (usable context %d)", config.model().id(),
                    dir.toAbsolutePath(), (System.nanoTime() - start) / 1_000_000, model.usableContext());
            statusEvents.fire(new ModelStatusChanged(true));
        } catch (RuntimeException e) {
            LOGGER.errorf(e, "Model %s could not be loaded from %s", config.model().id(), dir.toAbsolutePath());
        }
    }

    /** Whether the model is loaded and requests are accepted. */
    public boolean ready() {
        return model != null && !stopping && !admission.draining();
    }

    /** The served model, once loaded. */
    public Optional<ServedModel> servedModel() {
        JlamaModel m = model;
        return m == null ? Optional.empty() : Optional.of(new ServedModel(config.model().id(), m.usableContext()));
    }

    /** Current counters. */
    public EngineStats stats() {
        return new EngineStats(active.get(), finished.get(), cancelled.get());
    }

    /** The load now, with the token rate over the last {@code window}. */
    public LoadSnapshot load(Duration window) {
        List<String> models = model == null ? List.of() : List.of(config.model().id());
        return new LoadSnapshot(admission.queueDepth(), admission.queueCapacity(), admission.running(),
                admission.maxSequences(), throughput.perSecond(window), admission.draining(), models, Instant.now());
    }

    /**
     * Streams a completion; the last chunk carries the finish reason. Cancelling stops the generation (or withdraws
     * it from the queue).
     *
     * @param callerTimeLeft time until the caller's deadline, when it has one: the request expires in the queue then
     */
    public Multi<GenerationChunk> generate(String modelId, PromptInput input, Sampling sampling,
            Optional<Duration> callerTimeLeft) {
        Sampling resolved = sampling.maxTokens() == 0 ? sampling.withMaxTokens(config.engine().maxTokens()) : sampling;
        return Multi.createFrom().emitter(emitter -> {
            try {
                JlamaModel m = modelFor(modelId);
                TokenCounter counter = new TokenCounter(emitter::emit, throughput, meters, System::nanoTime);
                AtomicBoolean stop = new AtomicBoolean();
                AtomicReference<AdmissionController.Ticket> ticket = new AtomicReference<>();
                emitter.onTermination(() -> {
                    stop.set(true);
                    Optional.ofNullable(ticket.get()).ifPresent(AdmissionController.Ticket::withdraw);
                });
                ticket.set(admission.admit(() -> run(m, input, resolved, counter, emitter, stop), emitter::fail,
                        callerTimeLeft));
                if (stop.get()) {
                    ticket.get().withdraw();
                }
            } catch (RuntimeException e) {
                emitter.fail(e);
            }
        });
    }

    private void run(JlamaModel m, PromptInput input, Sampling sampling, TokenCounter counter,
            MultiEmitter<? super GenerationChunk> emitter, AtomicBoolean stop) {
        active.incrementAndGet();
        try {
            Optional<FinishReason> reason = stop.get() || stopping ? Optional.empty()
                    : m.generate(m.promptIds(input), sampling, input instanceof PromptInput.Chat,
                            counter, () -> stop.get() || stopping);
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

    /** Embeds each input (mean-pooled hidden states, unit length). */
    public Uni<List<JlamaModel.Embedding>> embed(String modelId, List<String> inputs) {
        return Uni.createFrom().emitter(emitter -> {
            try {
                if (inputs.isEmpty()) {
                    throw new InvalidRequestException("inputs must not be empty");
                }
                JlamaModel m = modelFor(modelId);
                AdmissionController.Ticket ticket = admission.admit(() -> {
                    try {
                        emitter.complete(inputs.stream().map(m::embed).toList());
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

    private JlamaModel modelFor(String modelId) {
        if (!config.model().id().equals(modelId)) {
            throw new ModelNotFoundException(modelId);
        }
        if (admission.draining()) {
            throw new WorkerDrainingException();
        }
        JlamaModel m = model;
        if (m == null || stopping) {
            throw new ModelNotReadyException("model '" + modelId + "' is not loaded yet");
        }
        return m;
    }

    /**
     * Stops admitting (new requests fail with {@link WorkerDrainingException}, queued ones too), reports not ready,
     * and waits up to {@code grace} for the running sequences to finish.
     *
     * @return whether they all finished in time
     */
    public boolean drain(Duration grace) throws InterruptedException {
        admission.drain();
        statusEvents.fire(new ModelStatusChanged(false));
        return admission.awaitIdle(grace);
    }

    @PreDestroy
    void stop() {
        stopping = true;
        statusEvents.fire(new ModelStatusChanged(false));
        admission.close();
        JlamaModel m = model;
        if (m != null) {
            m.close();
        }
    }
}
