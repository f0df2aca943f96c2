package io.civitas.worker.metrics;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.civitas.worker.catalog.ModelCatalog;
import io.civitas.worker.engine.AdmissionRejectedException;
import io.civitas.worker.engine.InvalidRequestException;
import io.civitas.worker.engine.ModelNotFoundException;
import io.civitas.worker.engine.ModelNotReadyException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The worker's meters, exported by Micrometer's Prometheus registry at {@code /q/metrics}, all tagged by model:
 * per-generation meters come from {@link #model}, admission gauges from {@link #watchAdmission}, refused requests
 * from {@link #rejected}. Model tags are bounded: a requested model the worker does not serve is tagged "unknown".
 */
@ApplicationScoped
public class WorkerMetrics {

    static final String REJECTIONS = "civitas.worker.rejections";
    static final String QUEUE_DEPTH = "civitas.worker.queue.depth";
    static final String ACTIVE_SEQUENCES = "civitas.worker.active.sequences";
    static final String UNKNOWN_MODEL = "unknown";

    private final MeterRegistry registry;
    private final ModelCatalog catalog;
    private final Map<String, ModelMeters> models = new ConcurrentHashMap<>();

    public WorkerMetrics(MeterRegistry registry, ModelCatalog catalog) {
        this.registry = registry;
        this.catalog = catalog;
    }

    /** The generation meters of {@code model}. */
    public ModelMeters model(String model) {
        return models.computeIfAbsent(model, m -> new ModelMeters(registry, m));
    }

    /** Reports the admission queue depth and the sequences generating now as gauges of {@code model}. */
    public void watchAdmission(String model, IntSupplier queueDepth, IntSupplier activeSequences) {
        Gauge.builder(QUEUE_DEPTH, queueDepth::getAsInt).description("Requests waiting for a sequence slot")
                .tag(ModelMeters.MODEL, model).strongReference(true).register(registry);
        Gauge.builder(ACTIVE_SEQUENCES, activeSequences::getAsInt).description("Sequences generating now")
                .tag(ModelMeters.MODEL, model).strongReference(true).register(registry);
    }

    /**
     * Counts a request the worker refused, when {@code failure} is a refusal (see {@link #rejectionReason}); other
     * failures are not counted.
     */
    public void rejected(String requestedModel, Throwable failure) {
        rejectionReason(failure).ifPresent(reason -> Counter.builder(REJECTIONS)
                .description("Requests refused or expired before they ran")
                .tag(ModelMeters.MODEL, catalog.serves(requestedModel) ? requestedModel : UNKNOWN_MODEL)
                .tag("reason", reason).register(registry).increment());
    }

    /**
     * The rejection reason of a failure: queue_full, queue_timeout, deadline, draining, invalid, model_not_found or
     * not_ready; empty for failures that are not refusals.
     */
    static Optional<String> rejectionReason(Throwable failure) {
        return Optional.ofNullable(switch (failure) {
            case AdmissionRejectedException e -> e.reason();
            case InvalidRequestException e -> "invalid";
            case ModelNotFoundException e -> "model_not_found";
            case ModelNotReadyException e -> "not_ready";
            default -> null;
        });
    }
}
