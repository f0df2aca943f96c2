package io.civitas.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Worker pools of the GPU example: vLLM sidecars on NVIDIA GPUs, placement, read-only models. */
class GpuWorkerPoolTest {

    static Rendered gpu;

    @BeforeAll
    static void render() {
        gpu = Chart.current().render(GpuValues.FILE);
    }

    @Test
    void aOneGpuPoolRequestsItsGpuOnTheRightNodesThroughTheNvidiaRuntime() {
        var pool = gpu.workload("Deployment", "rel-civitas-worker-devstral-small");
        JsonNode spec = pool.podSpec();

        assertThat(pool.object().path("spec").path("replicas").asInt()).isEqualTo(2);
        JsonNode vllm = pool.container("vllm");
        assertThat(vllm.path("resources").path("limits").path("nvidia.com/gpu").asText()).isEqualTo("1");
        assertThat(pool.container("inference-worker").path("resources").path("limits").has("nvidia.com/gpu"))
                .as("the GPU belongs to the engine container only").isFalse();
        assertThat(spec.path("nodeSelector").path("nvidia.com/gpu.product").asText()).isEqualTo("NVIDIA-H100-80GB-HBM3");
        assertThat(spec.path("nodeSelector").path("topology.kubernetes.io/region").asText()).isEqualTo("eu-west-fr");
        assertThat(spec.path("nodeSelector").path("civitas.io/datacentre").asText()).isEqualTo("paris-dc1");
        assertThat(spec.path("runtimeClassName").asText()).isEqualTo("nvidia");
        assertThat(spec.path("priorityClassName").asText()).isEqualTo("civitas-inference");
        assertThat(tolerationKeys(spec)).contains("nvidia.com/gpu", "civitas.io/dedicated");
        assertThat(args(vllm)).contains("--served-model-name=devstral-small-2505", "--tensor-parallel-size=1",
                "--model=/models/mistralai/Devstral-Small-2505", "--max-model-len=65536");
    }

    @Test
    void aTensorParallelPoolSpansEightGpusOfOneNode() {
        var pool = gpu.workload("Deployment", "rel-civitas-worker-devstral-large");
        JsonNode vllm = pool.container("vllm");

        assertThat(vllm.path("resources").path("limits").path("nvidia.com/gpu").asText()).isEqualTo("8");
        assertThat(args(vllm)).contains("--tensor-parallel-size=8");
        assertThat(modelProperties(gpu, "devstral-large"))
                .contains("civitas.worker.models.\"devstral-2-123b\".tensor-parallel-size=8");
        assertThat(pool.podSpec().path("nodeSelector").path("nvidia.com/gpu.product").asText()).isEqualTo("NVIDIA-H200");
        // NCCL's shared memory.
        JsonNode shm = pool.volume("dshm").path("emptyDir");
        assertThat(shm.path("medium").asText()).isEqualTo("Memory");
        assertThat(shm.path("sizeLimit").asText()).isEqualTo("64Gi");
        assertThat(vllm.path("volumeMounts").findValuesAsText("mountPath")).contains("/dev/shm");
        // No spare GPU is assumed: a rollout replaces a pod rather than adding one.
        JsonNode rolling = pool.object().path("spec").path("strategy").path("rollingUpdate");
        assertThat(rolling.path("maxSurge").asInt()).isZero();
        assertThat(rolling.path("maxUnavailable").asInt()).isEqualTo(1);
    }

    @Test
    void modelVolumesAreMountedReadOnly() {
        var small = gpu.workload("Deployment", "rel-civitas-worker-devstral-small");
        assertThat(small.volume("models").path("persistentVolumeClaim").path("claimName").asText())
                .isEqualTo("models-devstral-small");
        assertThat(small.volume("models").path("persistentVolumeClaim").path("readOnly").asBoolean()).isTrue();
        var large = gpu.workload("Deployment", "rel-civitas-worker-devstral-large");
        assertThat(large.volume("models").path("hostPath").path("path").asText()).isEqualTo("/srv/models");
        for (var pool : List.of(small, large)) {
            for (JsonNode container : pool.allContainers()) {
                for (JsonNode mount : container.path("volumeMounts")) {
                    if (mount.path("name").asText().equals("models")) {
                        assertThat(mount.path("readOnly").asBoolean()).as(pool.name() + "/" + container.path("name")).isTrue();
                    }
                }
            }
            assertThat(modelProperties(gpu, pool.name().replace("rel-civitas-worker-", ""))).doesNotContain("generate-if-missing=true");
        }
    }

    @Test
    void vllmIsANativeSidecarThatOutlivesTheDrainingWorkerAndNeverCallsOut() {
        var pool = gpu.workload("Deployment", "rel-civitas-worker-devstral-small");
        JsonNode sidecar = pool.podSpec().path("initContainers").get(0);
        assertThat(sidecar.path("name").asText()).isEqualTo("vllm");
        assertThat(sidecar.path("restartPolicy").asText()).isEqualTo("Always");
        assertThat(sidecar.path("startupProbe").path("httpGet").path("path").asText()).isEqualTo("/health");
        assertThat(sidecar.path("image").asText()).isEqualTo("registry.ministry.example/vllm/vllm-openai:v0.11.0");
        for (String offline : List.of("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE", "VLLM_NO_USAGE_STATS")) {
            assertThat(sidecar.path("env").findParents("name").stream()
                    .filter(e -> e.path("name").asText().equals(offline)).map(e -> e.path("value").asText()))
                    .as(offline).containsExactly("1");
        }
        // The worker reaches vLLM on the pod's loopback: a base URL without /v1, the model under its served name.
        assertThat(modelProperties(gpu, "devstral-small")).contains(
                "civitas.worker.models.\"devstral-small-2505\".engine=openai-upstream",
                "civitas.worker.models.\"devstral-small-2505\".upstream-url=http://127.0.0.1:8000",
                "civitas.worker.models.\"devstral-small-2505\".upstream-model=devstral-small-2505",
                "civitas.worker.models.\"devstral-small-2505\".tensor-parallel-size=1");
        JsonNode config = pool.volume("config").path("configMap");
        assertThat(config.path("name").asText()).isEqualTo("rel-civitas-worker-devstral-small");
        assertThat(pool.container("inference-worker").path("volumeMounts").findParents("name").stream()
                .filter(m -> m.path("name").asText().equals("config")).map(m -> m.path("mountPath").asText()))
                .as("Quarkus reads config/application.properties under the working directory /deployments")
                .containsExactly("/deployments/config");
        assertThat(pool.container("inference-worker").path("workingDir").asText()).isEqualTo("/deployments");
        assertThat(pool.podSpec().path("terminationGracePeriodSeconds").asInt()).isGreaterThan(120);
    }

    @Test
    void workerPodsCarryTheStableLabelsTheGatewayDiscoversThemBy() {
        var pool = gpu.workload("Deployment", "rel-civitas-worker-devstral-small");
        JsonNode labels = pool.podMetadata().path("labels");
        assertThat(labels.path("app.kubernetes.io/component").asText()).isEqualTo("inference-worker");
        assertThat(labels.path("app.kubernetes.io/instance").asText()).isEqualTo("rel");
        assertThat(labels.path("civitas.io/model").asText()).isEqualTo("devstral-small-2505");
        assertThat(labels.path("civitas.io/region").asText()).isEqualTo("eu-west-fr");
        assertThat(labels.path("civitas.io/datacentre").asText()).isEqualTo("paris-dc1");
        assertThat(labels.path("civitas.io/pool").asText()).isEqualTo("devstral-small");
        JsonNode service = gpu.get("Service", "rel-civitas-worker-devstral-small");
        assertThat(service.path("spec").path("selector")).isEqualTo(pool.object().path("spec").path("selector").path("matchLabels"));
        assertThat(service.path("spec").path("ports").get(0).path("port").asInt()).isEqualTo(8091);
    }

    @Test
    void theCpuPoolOfTheDefaultsNeedsNoGpuNorNodeLabels() {
        var pool = Chart.current().render().workload("Deployment", "rel-civitas-worker-cpu-tiny");
        assertThat(pool.podSpec().has("runtimeClassName")).isFalse();
        assertThat(pool.podSpec().has("nodeSelector")).isFalse();
        assertThat(pool.podSpec().has("initContainers")).isFalse();
        assertThat(pool.container("inference-worker").path("resources").path("limits").has("nvidia.com/gpu")).isFalse();
        assertThat(modelProperties(Chart.current().render(), "cpu-tiny")).containsExactly(
                "civitas.worker.models.\"civitas-tiny\".engine=jlama",
                "civitas.worker.models.\"civitas-tiny\".dir=/models",
                "civitas.worker.models.\"civitas-tiny\".generate-if-missing=true");
        assertThat(pool.container("inference-worker").path("ports").get(0).path("name").asText())
                .as("the port the gateway's discovery dials").isEqualTo("grpc");
    }

    /** The model lines (not comments) of a pool's application.properties ConfigMap. */
    static List<String> modelProperties(Rendered rendered, String pool) {
        String text = rendered.get("ConfigMap", "rel-civitas-worker-" + pool).path("data").path("application.properties").asText();
        return text.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }

    private static List<String> args(JsonNode container) {
        List<String> args = new ArrayList<>();
        container.path("args").forEach(a -> args.add(a.asText()));
        return args;
    }

    private static List<String> tolerationKeys(JsonNode podSpec) {
        List<String> keys = new ArrayList<>();
        podSpec.path("tolerations").forEach(t -> keys.add(t.path("key").asText()));
        return keys;
    }
}
