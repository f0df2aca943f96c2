package io.civitas.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** values.schema.json and the chart's own checks refuse wrong values with a message naming what to fix. */
class ValuesSchemaTest {

    @TempDir
    Path dir;

    private Throwable renderWith(String values) throws IOException {
        Path file = Files.writeString(dir.resolve("values.yaml"), values);
        return catchThrowable(() -> Chart.current().render(file));
    }

    @Test
    void aMisspelledTopLevelSectionIsRefused() throws IOException {
        // When
        Throwable error = renderWith("gatway:\n  replicas: 3\n");

        // Then
        assertThat(error).isNotNull().hasMessageContaining("values don't meet the specifications of the schema")
                .hasMessageContaining("gatway");
    }

    @Test
    void aMisspelledKeyInsideAServiceIsRefused() throws IOException {
        Throwable error = renderWith("gateway:\n  replicaCount: 3\n");

        assertThat(error).isNotNull().hasMessageContaining("replicaCount").hasMessageContaining("gateway");
    }

    @Test
    void aMisspelledKeyInAWorkerPoolIsRefused() throws IOException {
        Throwable error = renderWith("""
                workerPools:
                  - name: a
                    model: m
                    engine: jlama
                    replicas: 1
                    region: r
                    gpuProdcut: NVIDIA-H100-80GB-HBM3
                """);

        assertThat(error).isNotNull().hasMessageContaining("gpuProdcut");
    }

    @Test
    void anUnknownEngineIsRefused() throws IOException {
        Throwable error = renderWith("""
                workerPools:
                  - {name: a, model: m, engine: tensorrt, replicas: 1, region: r}
                """);

        assertThat(error).isNotNull().hasMessageContaining("engine");
    }

    @Test
    void aVllmPoolWithoutGpusOrModelVolumeIsRefusedWithTheValueToFix() throws IOException {
        Throwable noGpu = renderWith("""
                workerPools:
                  - {name: a, model: m, engine: openai-upstream, replicas: 1, region: r,
                     modelVolume: {persistentVolumeClaim: {claimName: c}}}
                """);
        Throwable noVolume = renderWith("""
                workerPools:
                  - {name: a, model: m, engine: openai-upstream, replicas: 1, region: r, gpus: 1}
                """);
        Throwable duplicate = renderWith("""
                workerPools:
                  - {name: a, model: m, engine: jlama, replicas: 1, region: r}
                  - {name: a, model: other, engine: jlama, replicas: 1, region: r}
                """);

        assertThat(noGpu).hasMessageContaining("workerPools[a]").hasMessageContaining("set gpus to 1 or more");
        assertThat(noVolume).hasMessageContaining("workerPools[a]").hasMessageContaining("modelVolume");
        assertThat(duplicate).hasMessageContaining("\"a\" is used twice");
    }

    @Test
    void aModelVolumeIsEitherAClaimOrAHostPath() throws IOException {
        Throwable both = renderWith("""
                workerPools:
                  - {name: a, model: m, engine: jlama, replicas: 1, region: r,
                     modelVolume: {persistentVolumeClaim: {claimName: c}, hostPath: {path: /m}}}
                """);

        assertThat(both).isNotNull().hasMessageContaining("modelVolume");
    }

    @Test
    void correctlySpelledOverridesRender() {
        Rendered rendered = Chart.current().render(List.of(), Map.of("gateway.replicas", 3));

        assertThat(rendered.get("Deployment", "rel-civitas-gateway").path("spec").path("replicas").asInt()).isEqualTo(3);
    }
}
