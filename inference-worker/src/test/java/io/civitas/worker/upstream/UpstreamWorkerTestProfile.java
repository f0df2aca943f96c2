package io.civitas.worker.upstream;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** A worker serving the generated tiny model on jlama and {@value VllmResource#MODEL} on the vLLM double. */
public class UpstreamWorkerTestProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "civitas.worker.models.civitas-tiny.engine", "jlama",
                "civitas.worker.models.civitas-tiny.dir", "target/test-model/civitas-tiny",
                "civitas.worker.models.civitas-tiny.generate-if-missing", "true",
                "civitas.worker.data-dir", "target/test-data",
                "civitas.worker.id", "worker-test",
                "civitas.worker.node", "node-test",
                "civitas.worker.region", "test-region");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(VllmResource.class));
    }
}
