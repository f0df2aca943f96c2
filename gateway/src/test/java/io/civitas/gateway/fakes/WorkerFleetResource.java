package io.civitas.gateway.fakes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.civitas.api.inference.v1.Placement;
import io.civitas.gateway.fakes.FakeInferenceWorker.Mode;
import io.civitas.testsupport.process.FreePorts;
import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Several fake workers, each a real gRPC server on its own loopback port, listed in civitas.gateway.worker.addresses
 * together with one address where nothing listens. Regions fr, se and de:
 * <ul>
 * <li>fr-busy (civitas-echo): reports an empty queue but refuses with RESOURCE_EXHAUSTED;</li>
 * <li>fr-draining (civitas-mini): reports draining;</li>
 * <li>se-idle (civitas-echo, civitas-mini): idle and healthy;</li>
 * <li>de-down (civitas-echo): reports an empty queue but refuses with UNAVAILABLE;</li>
 * <li>de-ok (civitas-echo): healthy, reports a longer queue than de-down, so it is always the second choice.</li>
 * </ul>
 * Injects itself into a test's field of this type.
 */
public class WorkerFleetResource implements QuarkusTestResourceLifecycleManager {

    private final Map<String, FakeInferenceWorker> workers = new LinkedHashMap<>();
    private final List<Server> servers = new ArrayList<>();

    @Override
    public Map<String, String> start() {
        worker("fr-busy", "fr", List.of("civitas-echo"), Mode.BUSY, 0, false);
        worker("fr-draining", "fr", List.of("civitas-mini"), Mode.NORMAL, 0, true);
        worker("se-idle", "se", List.of("civitas-echo", "civitas-mini"), Mode.NORMAL, 0, false);
        worker("de-down", "de", List.of("civitas-echo"), Mode.DOWN, 0, false);
        worker("de-ok", "de", List.of("civitas-echo"), Mode.NORMAL, 3, false);
        List<String> addresses = new ArrayList<>(servers.stream().map(server -> "127.0.0.1:" + server.getPort())
                .toList());
        addresses.add("127.0.0.1:" + FreePorts.pick());
        return Map.of("civitas.gateway.worker.addresses", String.join(",", addresses),
                "civitas.gateway.worker.reconnect-max-millis", "500");
    }

    /** The fake worker whose placement has this worker id. */
    public FakeInferenceWorker worker(String workerId) {
        return workers.get(workerId);
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(this, new TestInjector.MatchesType(WorkerFleetResource.class));
    }

    @Override
    public void stop() {
        servers.forEach(Server::shutdownNow);
        for (Server server : servers) {
            try {
                server.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void worker(String id, String region, List<String> models, Mode mode, int queueDepth, boolean draining) {
        Placement placement = Placement.newBuilder().setWorkerId(id).setNode("node-" + id).setGpu("none")
                .setRegion(region).setEngine("echo").build();
        FakeInferenceWorker worker = new FakeInferenceWorker(placement, models, mode, queueDepth, draining);
        try {
            servers.add(NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                    .addService(worker).build().start());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start fake worker " + id, e);
        }
        workers.put(id, worker);
    }
}
