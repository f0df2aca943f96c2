package io.civitas.gateway.worker;

import java.util.List;
import java.util.Set;

import io.civitas.api.inference.v1.LoadReport;
import io.civitas.api.inference.v1.ModelInfo;
import io.civitas.api.inference.v1.Placement;

/**
 * What the gateway knows of one worker: its model list (ListModels), its latest load report (WatchLoad) and whether
 * that stream is open. The report is the source of truth for models served, region and draining.
 */
public record WorkerState(List<ModelInfo> models, LoadReport load, boolean live) {

    /** Before the first report, or after the stream failed: never eligible. */
    public static final WorkerState UNKNOWN = new WorkerState(List.of(), null, false);

    public WorkerState {
        models = List.copyOf(models);
    }

    /** Whether a request for {@code model} from a tenant allowed in {@code regions} may run here. */
    public boolean eligibleFor(String model, Set<String> regions) {
        return serves() && load.getModelsList().contains(model) && regions.contains(region());
    }

    /** Live, reported, and not draining. */
    public boolean serves() {
        return live && load != null && !load.getDraining();
    }

    public String region() {
        return load == null ? "" : load.getPlacement().getRegion();
    }

    public Placement placement() {
        return load == null ? Placement.getDefaultInstance() : load.getPlacement();
    }

    /** Whether the model list has an entry for each of these model ids. */
    boolean listsAll(List<String> modelIds) {
        return models.stream().map(ModelInfo::getId).toList().containsAll(modelIds);
    }

    WorkerState reported(LoadReport report) {
        return new WorkerState(models, report, true);
    }

    WorkerState listed(List<ModelInfo> modelList) {
        return new WorkerState(modelList, load, live);
    }

    WorkerState down() {
        return new WorkerState(models, load, false);
    }
}
