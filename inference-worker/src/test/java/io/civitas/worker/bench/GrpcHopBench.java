package io.civitas.worker.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.sun.management.OperatingSystemMXBean;

import io.civitas.api.inference.v1.GenerateChunk;
import io.civitas.api.inference.v1.GenerateRequest;
import io.civitas.api.inference.v1.InferenceServiceGrpc;
import io.civitas.api.inference.v1.ListModelsRequest;
import io.civitas.api.inference.v1.SamplingParams;
import io.civitas.worker.engine.GenerationChunk;
import io.civitas.worker.engine.InferenceEngine;
import io.civitas.worker.engine.PromptInput;
import io.civitas.worker.engine.Sampling;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The latency the gRPC hop adds: the same greedy generation of the tiny model through the worker's real gRPC server
 * over loopback, and through the engine called directly in the same JVM (admission included), interleaved. The client
 * is set up as the gateway's is (Netty, answers taken on its event loop, no retry layer). Reports, for the first chunk
 * (one hop: the request there and the chunk back) and for the whole generation (chunks cross the hop while later ones
 * are generated, so this is the last chunk's hop plus any slowdown the hop causes the engine), p50 and p99 of each
 * path and their differences.
 */
@QuarkusTest
@TestProfile(GrpcHopBenchProfile.class)
class GrpcHopBench {

    private static final String MODEL = "civitas-tiny";
    private static final int TOKENS = Integer.getInteger("bench.tokens", 16);
    private static final int WARM_UP = Integer.getInteger("bench.warmup", 200);
    private static final int RUNS = Integer.getInteger("bench.runs", 500);
    private static final int PATH_WARM_UP = Integer.getInteger("bench.path-warmup", 20_000);

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Inject
    InferenceEngine engine;

    /** Nanoseconds from the call to its first chunk and to its end, and the number of chunks. */
    private record Timing(long firstNanos, long totalNanos, int chunks) {
    }

    @Test
    void grpcHopAgainstTheEngineDirectly() throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(engine::ready);
        int grpcPort = Boolean.getBoolean("bench.separate-server") ? 9071 : port;
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", grpcPort).usePlaintext().directExecutor()
                .disableRetry().build();
        try {
            InferenceServiceGrpc.InferenceServiceStub stub = InferenceServiceGrpc.newStub(channel);
            GenerateRequest request = GenerateRequest.newBuilder().setRequestId("bench").setTenantId("bench")
                    .setModel(MODEL).setPrompt("hello").setSampling(SamplingParams.newBuilder().setMaxTokens(TOKENS))
                    .build();
            Sampling sampling = new Sampling(0f, 0f, TOKENS, List.of(), OptionalLong.empty());
            // The gRPC path's JIT warm-up: many cheap calls (the generations below are too slow to warm it alone).
            InferenceServiceGrpc.InferenceServiceBlockingStub warmUp = InferenceServiceGrpc.newBlockingStub(channel);
            for (int i = 0; i < PATH_WARM_UP; i++) {
                warmUp.listModels(ListModelsRequest.getDefaultInstance());
            }
            GenerateRequest oneToken = request.toBuilder()
                    .setSampling(SamplingParams.newBuilder().setMaxTokens(1)).build();
            for (int i = 0; i < PATH_WARM_UP / 10; i++) {
                warmUp.generate(oneToken).forEachRemaining(chunk -> {
                });
            }
            for (int i = 0; i < WARM_UP; i++) {
                viaGrpc(stub, request);
                direct(sampling);
            }
            Timing[] grpc = new Timing[RUNS];
            Timing[] direct = new Timing[RUNS];
            long directCpu = 0;
            long directWall = 0;
            for (int i = 0; i < RUNS; i++) {
                grpc[i] = viaGrpc(stub, request);
                long cpu = processCpuNanos();
                direct[i] = direct(sampling);
                directCpu += processCpuNanos() - cpu;
                directWall += direct[i].totalNanos();
            }
            System.out.printf(Locale.ROOT, "Direct generations kept %.2f cores busy on average%n",
                    (double) directCpu / directWall);
            InferenceServiceGrpc.InferenceServiceBlockingStub blocking = InferenceServiceGrpc.newBlockingStub(channel);
            double[] listModels = new double[RUNS];
            for (int i = 0; i < RUNS; i++) {
                long start = System.nanoTime();
                blocking.listModels(ListModelsRequest.getDefaultInstance());
                listModels[i] = (System.nanoTime() - start) / 1e6;
            }
            System.out.printf(Locale.ROOT, "Bare unary round trip (ListModels): p50 %.3f ms p99 %.3f ms%n",
                    p(listModels, 50), p(listModels, 99));
            report(grpc, direct);
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private static void report(Timing[] grpc, Timing[] direct) {
        double[] grpcFirst = millis(grpc, Timing::firstNanos);
        double[] directFirst = millis(direct, Timing::firstNanos);
        double[] grpcTotal = millis(grpc, Timing::totalNanos);
        double[] directTotal = millis(direct, Timing::totalNanos);
        BenchReport.publish("grpc-hop", String.format(Locale.ROOT, """
                Worker gRPC hop: %d-token greedy generations of the tiny model (%d chunks), %d runs each, interleaved;
                engine on %s thread(s)
                                          p50 ms    p99 ms
                  first chunk, direct    %7.3f   %7.3f
                  first chunk, gRPC      %7.3f   %7.3f
                  added to first chunk   %7.3f   %7.3f   (one hop, request included)
                  generation, direct     %7.3f   %7.3f
                  generation, gRPC       %7.3f   %7.3f
                  added to generation    %7.3f   %7.3f
                """, TOKENS, grpc[0].chunks(), RUNS, System.getProperty("bench.engine-threads", "1"),
                p(directFirst, 50), p(directFirst, 99), p(grpcFirst, 50), p(grpcFirst, 99),
                p(grpcFirst, 50) - p(directFirst, 50), p(grpcFirst, 99) - p(directFirst, 99),
                p(directTotal, 50), p(directTotal, 99), p(grpcTotal, 50), p(grpcTotal, 99),
                p(grpcTotal, 50) - p(directTotal, 50), p(grpcTotal, 99) - p(directTotal, 99)));
        assertThat(grpc[0].chunks()).isEqualTo(direct[0].chunks());
    }

    private static long processCpuNanos() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static double p(double[] samples, double percentile) {
        return BenchReport.percentile(samples, percentile);
    }

    private static double[] millis(Timing[] timings, ToLongFunction<Timing> field) {
        return Arrays.stream(timings).mapToDouble(t -> field.applyAsLong(t) / 1e6).toArray();
    }

    private static Timing viaGrpc(InferenceServiceGrpc.InferenceServiceStub stub, GenerateRequest request)
            throws Exception {
        CompletableFuture<Timing> done = new CompletableFuture<>();
        long start = System.nanoTime();
        stub.generate(request, new StreamObserver<>() {
            private long first = -1;
            private int chunks;
            private int completion;

            @Override
            public void onNext(GenerateChunk chunk) {
                if (first < 0) {
                    first = System.nanoTime() - start;
                }
                chunks++;
                completion = chunk.getCompletionTokens();
            }

            @Override
            public void onError(Throwable failure) {
                done.completeExceptionally(failure);
            }

            @Override
            public void onCompleted() {
                long total = System.nanoTime() - start;
                if (completion != TOKENS) {
                    done.completeExceptionally(new AssertionError("generated " + completion + " tokens"));
                }
                done.complete(new Timing(first, total, chunks));
            }
        });
        return done.get(60, TimeUnit.SECONDS);
    }

    private Timing direct(Sampling sampling) {
        long start = System.nanoTime();
        long[] first = {-1};
        List<GenerationChunk> chunks = engine.generate(MODEL, "bench", new PromptInput.Text("hello"), sampling,
                Optional.empty()).onItem().invoke(chunk -> {
                    if (first[0] < 0) {
                        first[0] = System.nanoTime() - start;
                    }
                }).collect().asList().await().indefinitely();
        long total = System.nanoTime() - start;
        assertThat(chunks.getLast().completionTokens()).isEqualTo(TOKENS);
        return new Timing(first[0], total, chunks.size());
    }
}
