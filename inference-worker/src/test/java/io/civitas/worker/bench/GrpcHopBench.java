package io.civitas.worker.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
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
import io.civitas.worker.upstream.VllmDouble;
import io.civitas.worker.upstream.VllmResource;
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
 * path and their differences; and the hop of every streamed chunk, from the worker handing it to gRPC ({@link
 * ChunkClock}) to the client's {@code onNext}, both for the tiny model (whose generation keeps a core busy) and for
 * an openai-upstream model on the vLLM double, whose generation is off the worker's CPU as on a GPU node (with, for
 * that model, the worker's whole relay of each delta: from the double's write to the client).
 */
@QuarkusTest
@TestProfile(GrpcHopBenchProfile.class)
class GrpcHopBench {

    private static final String MODEL = "civitas-tiny";
    private static final int TOKENS = Integer.getInteger("bench.tokens", 16);
    private static final int WARM_UP = Integer.getInteger("bench.warmup", 200);
    private static final int RUNS = Integer.getInteger("bench.runs", 500);
    private static final int PATH_WARM_UP = Integer.getInteger("bench.path-warmup", 20_000);
    private static final int UPSTREAM_RUNS = Integer.getInteger("bench.upstream-runs", 300);
    private static final int UPSTREAM_WARM_UP = Integer.getInteger("bench.upstream-warmup", 3000);
    private static final long UPSTREAM_PACE_MILLIS = 3;

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Inject
    InferenceEngine engine;

    /** Nanoseconds from the call to its first chunk and to its end, the number of chunks, and when each arrived. */
    private record Timing(long firstNanos, long totalNanos, int chunks, long[] arrivals) {
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
            ChunkHops tinyHops = new ChunkHops(RUNS * TOKENS);
            long directCpu = 0;
            long directWall = 0;
            for (int i = 0; i < RUNS; i++) {
                grpc[i] = tinyHops.record(stub, request, TOKENS);
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
            double[] perChunk = tinyHops.measured("tiny model");
            report(grpc, direct, perChunk, upstream(stub, request));
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    /** The hop of every chunk of recorded gRPC runs: from its hand-off to gRPC in the worker to its arrival. */
    private static final class ChunkHops {
        private final double[] millis;
        private final Map<String, Integer> threads = new TreeMap<>();
        private int count;
        private int onCallThread;

        ChunkHops(int capacity) {
            millis = new double[capacity];
        }

        /** One generation through gRPC with {@link ChunkClock} recording. */
        Timing record(InferenceServiceGrpc.InferenceServiceStub stub, GenerateRequest request, int expectedTokens)
                throws Exception {
            ChunkClock.start();
            Timing run;
            List<ChunkClock.Sent> sent;
            try {
                run = viaGrpc(stub, request, expectedTokens);
            } finally {
                sent = ChunkClock.stop();
            }
            assertThat(sent).hasSize(run.arrivals().length);
            for (int c = 0; c < sent.size(); c++) {
                threads.merge(sent.get(c).thread(), 1, Integer::sum);
                onCallThread += sent.get(c).onCallThread() ? 1 : 0;
                if (count < millis.length) {
                    millis[count++] = (run.arrivals()[c] - sent.get(c).nanos()) / 1e6;
                }
            }
            return run;
        }

        /** The hops recorded, printed with the threads that handed the chunks over. */
        double[] measured(String what) {
            double[] measured = Arrays.copyOf(millis, count);
            System.out.printf(Locale.ROOT, "Per streamed chunk (%s), worker's hand-off to gRPC -> client's onNext, "
                    + "%d chunks: p50 %.3f ms p99 %.3f ms p99.9 %.3f ms max %.3f ms; handed over on %s, %d on the "
                    + "call's own event loop%n", what, measured.length, p(measured, 50), p(measured, 99),
                    p(measured, 99.9), p(measured, 100), threads, onCallThread);
            return measured;
        }
    }

    /**
     * The hop per chunk with the generation off the worker's CPU, as on a GPU node: the openai-upstream model on the
     * vLLM double, which streams a delta every {@value #UPSTREAM_PACE_MILLIS} ms; and the worker's whole relay of each
     * delta, from the double's write to the client.
     */
    private static Upstream upstream(InferenceServiceGrpc.InferenceServiceStub stub, GenerateRequest request)
            throws Exception {
        String[] deltas = new String[TOKENS];
        Arrays.fill(deltas, " x");
        GenerateRequest upstream = request.toBuilder().setModel(VllmResource.MODEL).build();
        // The relay's JIT warm-up, unpaced (paced generations are too slow to warm it alone)
        VllmResource.vllm().otherwise(VllmDouble.Reply.text(3, deltas));
        for (int i = 0; i < UPSTREAM_WARM_UP; i++) {
            viaGrpc(stub, upstream, -1);
        }
        VllmResource.vllm().otherwise(VllmDouble.Reply.text(3, deltas).paced(UPSTREAM_PACE_MILLIS));
        for (int i = 0; i < UPSTREAM_RUNS / 2; i++) {
            viaGrpc(stub, upstream, -1);
        }
        long compiling = jitMillis();
        ChunkHops hops = new ChunkHops(UPSTREAM_RUNS * (TOKENS + 1));
        Queue<Long> written = new ConcurrentLinkedQueue<>();
        VllmResource.vllm().onPacedDeltaWritten(written::add);
        double[] relay = new double[UPSTREAM_RUNS * TOKENS];
        try {
            for (int i = 0; i < UPSTREAM_RUNS; i++) {
                written.clear();
                long[] arrivals = hops.record(stub, upstream, -1).arrivals();
                Long[] writes = written.toArray(Long[]::new);
                assertThat(writes).hasSize(TOKENS);
                for (int c = 0; c < TOKENS; c++) {
                    relay[i * TOKENS + c] = (arrivals[c] - writes[c]) / 1e6;
                }
            }
        } finally {
            VllmResource.vllm().onPacedDeltaWritten(nanos -> { });
        }
        System.out.printf(Locale.ROOT, "Per delta (upstream model), vLLM double's write -> client's onNext, %d deltas: "
                + "p50 %.3f ms p99 %.3f ms p99.9 %.3f ms max %.3f ms; JIT compiled %d ms meanwhile%n", relay.length,
                p(relay, 50), p(relay, 99), p(relay, 99.9), p(relay, 100), jitMillis() - compiling);
        return new Upstream(hops.measured("upstream model"), relay);
    }

    /** The upstream model's hop per chunk, and the whole relay per delta: from the upstream's write to the client. */
    private record Upstream(double[] hops, double[] relay) {
    }

    private static void report(Timing[] grpc, Timing[] direct, double[] perChunk, Upstream upstream) {
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
                  hop per streamed chunk %7.3f   %7.3f   (worker's hand-off to gRPC -> client, %d chunks)
                Generation off the worker's CPU (openai-upstream model, a delta every %d ms, %d runs):
                  hop per streamed chunk %7.3f   %7.3f   (%d chunks)
                  relay per delta        %7.3f   %7.3f   (the upstream's write -> client: the worker's whole relay)
                """, TOKENS, grpc[0].chunks(), RUNS, System.getProperty("bench.engine-threads", "1"),
                p(directFirst, 50), p(directFirst, 99), p(grpcFirst, 50), p(grpcFirst, 99),
                p(grpcFirst, 50) - p(directFirst, 50), p(grpcFirst, 99) - p(directFirst, 99),
                p(directTotal, 50), p(directTotal, 99), p(grpcTotal, 50), p(grpcTotal, 99),
                p(grpcTotal, 50) - p(directTotal, 50), p(grpcTotal, 99) - p(directTotal, 99),
                p(perChunk, 50), p(perChunk, 99), perChunk.length, UPSTREAM_PACE_MILLIS, UPSTREAM_RUNS,
                p(upstream.hops(), 50), p(upstream.hops(), 99), upstream.hops().length, p(upstream.relay(), 50),
                p(upstream.relay(), 99)));
        assertThat(grpc[0].chunks()).isEqualTo(direct[0].chunks());
    }

    private static long jitMillis() {
        return ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
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
        return viaGrpc(stub, request, TOKENS);
    }

    /** One generation through gRPC; expectedTokens -1 when the count is not checked. */
    private static Timing viaGrpc(InferenceServiceGrpc.InferenceServiceStub stub, GenerateRequest request,
            int expectedTokens) throws Exception {
        CompletableFuture<Timing> done = new CompletableFuture<>();
        long start = System.nanoTime();
        stub.generate(request, new StreamObserver<>() {
            private long first = -1;
            private int chunks;
            private int completion;
            private long[] arrivals = new long[TOKENS + 2];

            @Override
            public void onNext(GenerateChunk chunk) {
                long now = System.nanoTime();
                if (first < 0) {
                    first = now - start;
                }
                if (chunks == arrivals.length) {
                    arrivals = Arrays.copyOf(arrivals, 2 * chunks);
                }
                arrivals[chunks] = now;
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
                if (expectedTokens >= 0 && completion != expectedTokens) {
                    done.completeExceptionally(new AssertionError("generated " + completion + " tokens"));
                }
                done.complete(new Timing(first, total, chunks, Arrays.copyOf(arrivals, chunks)));
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
        return new Timing(first[0], total, chunks.size(), new long[0]);
    }
}
