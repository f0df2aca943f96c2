package io.civitas.worker.upstream;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.civitas.worker.grpc.WorkerTestProfile;

/**
 * {@link WorkerTestProfile}'s worker serving one model per engine: the generated tiny model on jlama,
 * all-MiniLM-L6-v2 on the embeddings engine and {@value VllmResource#MODEL} on the vLLM double.
 */
public class UpstreamWorkerTestProfile extends WorkerTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> overrides = new HashMap<>(super.getConfigOverrides());
        overrides.putAll(Map.of(
                "civitas.worker.models.civitas-tiny.engine", "jlama",
                "civitas.worker.models.civitas-tiny.dir", "target/test-model/civitas-tiny",
                "civitas.worker.models.civitas-tiny.generate-if-missing", "true",
                "civitas.worker.models.all-minilm-l6-v2.engine", "embeddings"));
        return overrides;
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(VllmResource.class));
    }
}
