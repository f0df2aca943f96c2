package io.civitas.worker.engine;

import java.time.Duration;
import java.util.Optional;

import io.civitas.worker.catalog.ModelSpec;
import io.civitas.worker.metrics.ModelMeters;

/** A served model inside the worker: its engine, its own sequence slots and queue, its meters and its state. */
final class ServingModel implements AutoCloseable {

    private final ModelSpec spec;
    private final ModelEngine engine;
    private final AdmissionController admission;
    private final ModelMeters meters;
    private volatile ModelEngine.Capabilities capabilities;

    ServingModel(ModelSpec spec, ModelEngine engine, int queueSize, Duration queueTimeout, ModelMeters meters) {
        this.spec = spec;
        this.engine = engine;
        this.admission = new AdmissionController("model-" + spec.id(), spec.maxSequences(), queueSize, queueTimeout);
        this.meters = meters;
    }

    /** Loads and warms up the engine; the model serves from then on. */
    void start() {
        engine.load();
        engine.warmUp();
        capabilities = engine.capabilities();
    }

    ModelSpec spec() {
        return spec;
    }

    ModelEngine engine() {
        return engine;
    }

    AdmissionController admission() {
        return admission;
    }

    ModelMeters meters() {
        return meters;
    }

    /** Its capabilities once loaded and warmed up; empty before. */
    Optional<ModelEngine.Capabilities> capabilities() {
        return Optional.ofNullable(capabilities);
    }

    @Override
    public void close() {
        admission.close();
        engine.close();
    }
}
