package io.civitas.worker.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.civitas.worker.gpu.FakeNvidiaSmi;

/**
 * Starts the packaged worker with a GPU model and watches it refuse to start: on this machine's real state (no GPU,
 * no nvidia-smi) and with a fake nvidia-smi listing two GPUs for a model sharded over four.
 */
class GpuRefusalIT {

    private static final Path WORK = Path.of("target/gpu-refusal-it");
    private static final String MODEL = "civitas.worker.models.mistral-7b.";

    private Process worker;

    @AfterEach
    void stop() {
        PackagedWorker.stop(worker, null);
    }

    @Test
    void shouldRefuseToStartAGpuModelWithoutGpus() throws Exception {
        // Given
        Path work = WORK.resolve("no-gpu");
        Map<String, String> properties = upstreamModel(1, "no-such-nvidia-smi");

        // When
        worker = PackagedWorker.start(work, properties);

        // Then
        assertThat(worker.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(worker.exitValue()).isNotZero();
        assertThat(Files.readString(PackagedWorker.log(work))).contains(
                "model 'mistral-7b' (engine openai-upstream) requires a GPU, but the worker owns none: "
                        + "no-such-nvidia-smi listed 0 device(s)");
    }

    @Test
    void shouldRefuseToStartAModelShardedOverMoreGpusThanTheWorkerOwns() throws Exception {
        // Given a (fake) nvidia-smi listing two GPUs
        Path work = WORK.resolve("tensor-parallel");
        Path smi = FakeNvidiaSmi.twoGpus(work.resolve("nvidia-smi"));
        Map<String, String> properties = upstreamModel(4, smi.toAbsolutePath().toString());

        // When
        worker = PackagedWorker.start(work, properties);

        // Then
        assertThat(worker.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(worker.exitValue()).isNotZero();
        assertThat(Files.readString(PackagedWorker.log(work)))
                .contains("model 'mistral-7b' has tensor-parallel-size 4, but the worker owns 2 GPU(s)");
    }

    private static Map<String, String> upstreamModel(int tensorParallelSize, String nvidiaSmi) throws Exception {
        return Map.of("quarkus.http.host", "127.0.0.1", "quarkus.http.port", String.valueOf(PackagedWorker.freePort()),
                "civitas.worker.data-dir", WORK.resolve("data").toAbsolutePath().toString(),
                "civitas.worker.gpu-discovery.command", nvidiaSmi,
                MODEL + "engine", "openai-upstream", MODEL + "upstream-url", "http://127.0.0.1:9",
                MODEL + "tensor-parallel-size", String.valueOf(tensorParallelSize));
    }
}
