package io.civitas.gateway.fakes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** A real gRPC server on a free loopback port serving the fake tenant-service and worker, wired as clients. */
public class UpstreamServersResource implements QuarkusTestResourceLifecycleManager {

    private Server server;

    @Override
    public Map<String, String> start() {
        try {
            server = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                    .addService(new FakeTenantService())
                    .addService(new FakeInferenceWorker().withTraceCapture())
                    .build()
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the fake upstream servers", e);
        }
        String port = String.valueOf(server.getPort());
        // In test mode Quarkus dials quarkus.grpc.clients.<name>.test-port instead of .port.
        return Map.of(
                "quarkus.grpc.clients.tenant.host", "127.0.0.1",
                "quarkus.grpc.clients.tenant.test-port", port,
                "quarkus.grpc.clients.worker.host", "127.0.0.1",
                "quarkus.grpc.clients.worker.test-port", port);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.shutdownNow();
            try {
                server.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
