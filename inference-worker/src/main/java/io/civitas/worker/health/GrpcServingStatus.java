package io.civitas.worker.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import grpc.health.v1.HealthOuterClass.HealthCheckResponse.ServingStatus;
import io.civitas.api.inference.v1.InferenceServiceGrpc;
import io.civitas.worker.engine.ModelStatusChanged;
import io.quarkus.grpc.runtime.health.GrpcHealthStorage;

/** Reports NOT_SERVING on the standard grpc.health.v1 service until the model is loaded. */
@ApplicationScoped
public class GrpcServingStatus {

    private final Instance<GrpcHealthStorage> storage;

    GrpcServingStatus(Instance<GrpcHealthStorage> storage) {
        this.storage = storage;
    }

    void onStatus(@Observes ModelStatusChanged status) {
        if (storage.isResolvable()) {
            ServingStatus serving = status.serving() ? ServingStatus.SERVING : ServingStatus.NOT_SERVING;
            storage.get().setStatus(GrpcHealthStorage.DEFAULT_SERVICE_NAME, serving);
            storage.get().setStatus(InferenceServiceGrpc.SERVICE_NAME, serving);
        }
    }
}
