package io.civitas.gateway.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.civitas.api.inference.v1.ListModelsRequest;
import io.civitas.api.inference.v1.ListModelsResponse;
import io.civitas.api.inference.v1.ModelInfo;
import io.civitas.api.inference.v1.Placement;
import io.civitas.gateway.config.GatewayConfig;
import io.civitas.gateway.fakes.FakeInferenceWorker;
import io.civitas.testsupport.process.FreePorts;
import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** A worker's load stream breaks and comes back: the worker leaves the eligible set and rejoins it. */
class LoadWatchTest {

    private static final Set<String> FR = Set.of("fr");
    private static final Placement PLACEMENT = Placement.newBuilder().setWorkerId("w").setRegion("fr").build();
    private final int port = FreePorts.pick();
    private final String address = "127.0.0.1:" + port;
    private WorkerPool pool;
    private Server server;

    @BeforeEach
    void startPool() throws IOException, InterruptedException {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(GatewayConfig.class)
                .withDefaultValues(Map.of("civitas.gateway.worker.reconnect-initial-millis", "50",
                        "civitas.gateway.worker.reconnect-max-millis", "200"))
                .build();
        pool = new WorkerPool(config.getConfigMapping(GatewayConfig.class), null, null);
        server = serve();
    }

    @AfterEach
    void stopPool() {
        pool.close();
        server.shutdownNow();
    }

    @Test
    void shouldDropAWorkerWhoseStreamFailsAndTakeItBackWhenItReturns() throws IOException, InterruptedException {
        // Given
        pool.add(address);
        await().atMost(Duration.ofSeconds(10)).until(() -> !pool.eligible("civitas-echo", FR, Set.of()).isEmpty());
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(10)).until(() -> pool.eligible("civitas-echo", FR, Set.of()).isEmpty());

        // When
        server = serve();

        // Then
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(pool.eligible("civitas-echo", FR,
                Set.of())).extracting(WorkerNode::address).containsExactly(address));
        assertThat(pool.eligible("civitas-echo", Set.of("se"), Set.of())).isEmpty();
    }

    @Test
    void shouldListAModelThatTheFirstModelListLacked() throws IOException, InterruptedException {
        // Given
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server = serve(new FakeInferenceWorker(PLACEMENT, List.of("civitas-echo"), FakeInferenceWorker.Mode.NORMAL,
                0, false) {
            private final AtomicBoolean loaded = new AtomicBoolean();

            @Override
            public void listModels(ListModelsRequest request, StreamObserver<ListModelsResponse> response) {
                if (loaded.getAndSet(true)) {
                    super.listModels(request, response);
                } else {
                    response.onNext(ListModelsResponse.newBuilder().setPlacement(PLACEMENT).build());
                    response.onCompleted();
                }
            }
        });

        // When
        pool.add(address);

        // Then
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(pool.models(FR))
                .extracting(ModelInfo::getId).containsExactly("civitas-echo"));
    }

    private Server serve() throws IOException, InterruptedException {
        return serve(new FakeInferenceWorker(PLACEMENT, List.of("civitas-echo"), FakeInferenceWorker.Mode.NORMAL, 0,
                false));
    }

    /**
     * Serves on the worker's fixed port. Right after a shutdown the port can still be taken for a moment (the pool's
     * reconnecting channel may even be given it as its own local port), so binding is retried for a few seconds.
     */
    private Server serve(FakeInferenceWorker worker) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try {
                return NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))
                        .addService(worker).build().start();
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }
}
