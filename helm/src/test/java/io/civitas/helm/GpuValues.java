package io.civitas.helm;

import java.nio.file.Path;

/** The chart's GPU example values (examples/values-gpu.yaml): a one-GPU pool and an eight-GPU tensor-parallel pool. */
final class GpuValues {

    static final Path FILE = Chart.current().source().resolve("examples/values-gpu.yaml");

    private GpuValues() {
    }
}
