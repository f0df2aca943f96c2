package io.civitas.gateway.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.civitas.api.inference.v1.ListModelsRequest;
import io.civitas.api.inference.v1.ListModelsResponse;
import io.civitas.api.inference.v1.LoadReport;
import io.civitas.api.inference.v1.ModelInfo;
import io.civitas.api.inference.v1.Placement;
import io.civitas.api.inference.v1.WatchLoadRequest;
import io.civitas.gateway.config.GatewayConfig;
import io.civitas.gateway.fakes.FakeInferenceWorker;
import io.civitas.testsupport.process.FreePorts;
import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * A worker's load stream breaks and comes back, or goes silent: the worker leaves the eligible set and rejoins it
 * when it reports again.
 */
class LoadWatchTest {

    private static final Set<String> FR = Set.of("fr");
    private static final String STALE_MILLIS = "1500";
    private static final Placement PLACEMENT = Placement.newBuilder().setWorkerId("w").setRegion("fr").build();
    private final int port = FreePorts.pick();
    private final String address = "127.0.0.1:" + port;
    private WorkerPool pool;
    private Server server;

    @BeforeEach
    void startPool() throws IOException, InterruptedException {
        pool = new WorkerPool(config("100", STALE_MILLIS), null, null);
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

    @Test
    void shouldDropAWorkerWhoseStreamStaysOpenButStopsReporting() throws IOException, InterruptedException {
        // Given: the first stream reports once and then falls silent, as a hung worker's does; later ones say nothing
        AtomicInteger watches = new AtomicInteger();
        AtomicInteger cancelled = new AtomicInteger();
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server = serve(new FakeInferenceWorker(PLACEMENT, List.of("civitas-echo"), FakeInferenceWorker.Mode.NORMAL,
                0, false) {
            @Override
            public void watchLoad(WatchLoadRequest request, StreamObserver<LoadReport> response) {
                ((ServerCallStreamObserver<LoadReport>) response).setOnCancelHandler(cancelled::incrementAndGet);
                if (watches.incrementAndGet() == 1) {
                    response.onNext(LoadReport.newBuilder().setPlacement(LoadWatchTest.PLACEMENT)
                            .addModels("civitas-echo").build());
                }
            }
        });
        pool.add(address);
        await().atMost(Duration.ofSeconds(10)).until(() -> !pool.eligible("civitas-echo", FR, Set.of()).isEmpty());

        // When: the stale limit passes without a report
        // Then: the gateway cancels the silent stream, takes the worker out and opens a new stream
        await().atMost(Duration.ofSeconds(10)).until(() -> pool.eligible("civitas-echo", FR, Set.of()).isEmpty());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(cancelled).hasPositiveValue();
            assertThat(watches).hasValueGreaterThanOrEqualTo(2);
        });
        assertThat(pool.eligible("civitas-echo", FR, Set.of())).isEmpty();
    }

    @Test
    void shouldKeepTheStreamOfAWorkerThatReportsAtItsInterval() throws IOException, InterruptedException {
        // Given: the worker reports every 100 ms; the stale limit is 1.5 s
        AtomicInteger watches = new AtomicInteger();
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server = serve(new FakeInferenceWorker(PLACEMENT, List.of("civitas-echo"),
                FakeInferenceWorker.Mode.NORMAL, 0, false) {
            @Override
            public void watchLoad(WatchLoadRequest request, StreamObserver<LoadReport> response) {
                watches.incrementAndGet();
                super.watchLoad(request, response);
            }
        });
        pool.add(address);
        await().atMost(Duration.ofSeconds(10)).until(() -> !pool.eligible("civitas-echo", FR, Set.of()).isEmpty());

        // When: three stale limits pass
        Thread.sleep(3 * Long.parseLong(STALE_MILLIS));

        // Then: still the first stream, and the worker still eligible
        assertThat(watches).hasValue(1);
        assertThat(pool.eligible("civitas-echo", FR, Set.of())).extracting(WorkerNode::address)
                .containsExactly(address);
    }

    @Test
    void shouldRefuseAStaleLimitThatIsNotLongerThanTheReportInterval() {
        assertThatThrownBy(() -> new WorkerPool(config("1000", "1000"), null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("load-stale-millis");
    }

    private static GatewayConfig config(String intervalMillis, String staleMillis) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(GatewayConfig.class)
                .withDefaultValues(Map.of("civitas.gateway.worker.reconnect-initial-millis", "50",
                        "civitas.gateway.worker.reconnect-max-millis", "200",
                        "civitas.gateway.worker.load-interval-millis", intervalMillis,
                        "civitas.gateway.worker.load-stale-millis", staleMillis))
                .build();
        return config.getConfigMapping(GatewayConfig.class);
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
