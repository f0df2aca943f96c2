package io.civitas.worker.catalog;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.civitas.worker.gpu.GpuDevice;

class GpuRequirementsTest {

    private static final List<GpuDevice> TWO_GPUS = List.of(
            new GpuDevice(0, "GPU-5f2b3c1e-8a7d-4c7e-9b1a-0d3e4f5a6b7c", "NVIDIA H100 80GB HBM3", 1L << 36),
            new GpuDevice(1, "GPU-8f0c2d4e-1b3a-4e5f-8c9d-7a6b5c4d3e2f", "NVIDIA H100 80GB HBM3", 1L << 36));

    @Test
    void shouldRefuseAGpuModelOnAWorkerWithoutGpus() {
        // When / Then
        assertThatThrownBy(() -> GpuRequirements.check(List.of(upstream(true, 1)), List.of(), "nvidia-smi listed 0"))
                .isInstanceOf(GpuRequirementException.class)
                .hasMessage("model 'mistral-7b' (engine openai-upstream) requires a GPU, but the worker owns none: "
                        + "nvidia-smi listed 0");
    }

    @Test
    void shouldRefuseATensorParallelSizeOtherThanTheGpusOwned() {
        // When / Then
        assertThatThrownBy(() -> GpuRequirements.check(List.of(upstream(true, 4)), TWO_GPUS, "smi"))
                .isInstanceOf(GpuRequirementException.class)
                .hasMessageStartingWith("model 'mistral-7b' has tensor-parallel-size 4, but the worker owns 2 GPU(s)");
    }

    @Test
    void shouldAcceptAGpuModelShardedOverAllTheGpusOwned() {
        // When / Then
        assertThatCode(() -> GpuRequirements.check(List.of(upstream(true, 2)), TWO_GPUS, "smi"))
                .doesNotThrowAnyException();
    }

    @Test
    void shouldAcceptAnUpstreamMarkedAsNotNeedingAGpuWithoutGpus() {
        // When / Then
        assertThatCode(() -> GpuRequirements.check(List.of(upstream(false, 1)), List.of(), "smi"))
                .doesNotThrowAnyException();
    }

    private static ModelSpec upstream(boolean requiresGpu, int tensorParallelSize) {
        return new ModelSpec("mistral-7b", EngineKind.OPENAI_UPSTREAM, Optional.empty(), false,
                Optional.of(URI.create("http://127.0.0.1:8000")), "mistral", Optional.empty(), requiresGpu,
                tensorParallelSize, 64);
    }
}
