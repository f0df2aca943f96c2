package io.civitas.worker.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.civitas.worker.engine.InferenceEngine;

/** Ready only once the model is loaded (and not while shutting down). */
@Readiness
@ApplicationScoped
public class ModelReadinessCheck implements HealthCheck {

    private final InferenceEngine engine;

    ModelReadinessCheck(InferenceEngine engine) {
        this.engine = engine;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("model").status(engine.ready()).build();
    }
}
