package io.civitas.worker.placement;

import java.util.List;

import io.civitas.worker.gpu.GpuDevice;

/**
 * Where generations of this worker run, reported with every request for usage, billing and audit.
 *
 * @param workerId worker id
 * @param node machine name
 * @param gpu GPU label: the GPUs' UUIDs joined by ",", or the configured label ("none") without GPUs
 * @param region region
 * @param engine inference engine
 * @param gpus the GPUs this worker owns (empty on CPU)
 */
public record Placement(String workerId, String node, String gpu, String region, String engine,
        List<GpuDevice> gpus) {

    public Placement {
        if (isBlank(workerId) || isBlank(node) || isBlank(gpu) || isBlank(region) || isBlank(engine)) {
            throw new IllegalArgumentException("placement fields must not be blank");
        }
        gpus = List.copyOf(gpus);
    }

    /** The same placement for a model on {@code engineLabel}. */
    public Placement withEngine(String engineLabel) {
        return new Placement(workerId, node, gpu, region, engineLabel, gpus);
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
