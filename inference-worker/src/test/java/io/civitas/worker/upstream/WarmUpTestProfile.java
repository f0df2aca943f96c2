package io.civitas.worker.upstream;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** A worker serving only {@value VllmResource#MODEL} on the vLLM double, whose warm-up answer is held. */
public class WarmUpTestProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("civitas.worker.data-dir", "target/test-data");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(VllmResource.class, Map.of("hold-warm-up", "true")));
    }
}
