package io.civitas.worker.grpc;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Generates the tiny model under target/, fixes the placement the tests expect and lets one request wait. */
public class WorkerTestProfile implements QuarkusTestProfile {

    static final String MODEL = "civitas-tiny";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "civitas.worker.model.dir", "target/test-model/civitas-tiny",
                "civitas.worker.data-dir", "target/test-data",
                "civitas.worker.id", "worker-test",
                "civitas.worker.node", "node-test",
                "civitas.worker.region", "test-region",
                "civitas.worker.engine.max-tokens", "12",
                "civitas.worker.engine.queue-size", "1");
    }
}
