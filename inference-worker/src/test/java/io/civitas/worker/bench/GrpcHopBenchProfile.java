package io.civitas.worker.bench;

import java.util.HashMap;
import java.util.Map;

import io.civitas.worker.upstream.UpstreamWorkerTestProfile;

/**
 * The test worker with its engine on one thread, so that one of this machine's two cores is left to the gRPC server
 * and client (as on a GPU node, where generation does not occupy the CPU): the hop is then measured, not the
 * engine's threads crowding it out. It serves an openai-upstream model on the vLLM double too.
 */
public class GrpcHopBenchProfile extends UpstreamWorkerTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> overrides = new HashMap<>(super.getConfigOverrides());
        overrides.put("civitas.worker.engine.threads", System.getProperty("bench.engine-threads", "1"));
        overrides.put("civitas.worker.engine.max-tokens", "64");
        if (Boolean.getBoolean("bench.separate-server")) {
            overrides.put("quarkus.grpc.server.use-separate-server", "true");
            overrides.put("quarkus.grpc.server.test-port", "9071");
        }
        return overrides;
    }
}
