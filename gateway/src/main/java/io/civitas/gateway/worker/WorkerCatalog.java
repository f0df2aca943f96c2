package io.civitas.gateway.worker;

import java.util.List;
import java.util.Objects;

import io.civitas.api.inference.v1.ListModelsResponse;
import io.civitas.api.inference.v1.ModelInfo;
import io.civitas.api.inference.v1.Placement;

/** The models a worker serves and where it runs. */
public record WorkerCatalog(List<ModelInfo> models, Placement placement) {

    public WorkerCatalog {
        models = List.copyOf(models);
        Objects.requireNonNull(placement, "placement");
    }

    public static WorkerCatalog from(ListModelsResponse response) {
        return new WorkerCatalog(response.getModelsList(), response.getPlacement());
    }

    public String region() {
        return placement.getRegion();
    }
}
