package io.civitas.worker.catalog;

import java.util.List;

import io.civitas.worker.gpu.GpuDevice;

/**
 * Startup check of the served models against the GPUs the worker owns: a model that requires GPUs refuses to start
 * without any, and its tensor-parallel size must equal the number of GPUs (the worker owns its GPU group whole).
 */
public final class GpuRequirements {

    private GpuRequirements() {
    }

    /**
     * @param visibility how the GPUs were found, for the error message (e.g. the visibility variables)
     * @throws GpuRequirementException naming the first model whose requirement is not met
     */
    public static void check(List<ModelSpec> models, List<GpuDevice> gpus, String visibility) {
        for (ModelSpec model : models) {
            if (!model.requiresGpu()) {
                continue;
            }
            if (gpus.isEmpty()) {
                throw new GpuRequirementException("model '" + model.id() + "' (engine " + model.engine().configName()
                        + ") requires a GPU, but the worker owns none: " + visibility);
            }
            if (model.tensorParallelSize() != gpus.size()) {
                throw new GpuRequirementException("model '" + model.id() + "' has tensor-parallel-size "
                        + model.tensorParallelSize() + ", but the worker owns " + gpus.size() + " GPU(s) "
                        + gpus.stream().map(GpuDevice::uuid).toList() + ": " + visibility);
            }
        }
    }
}
