package io.civitas.worker.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.civitas.api.inference.v1.GenerateChunk;
import io.civitas.api.inference.v1.GenerateRequest;
import io.civitas.api.inference.v1.InferenceServiceGrpc;
import io.civitas.api.inference.v1.SamplingParams;
import io.civitas.worker.engine.GenerationChunk;
import io.civitas.worker.engine.InferenceEngine;
import io.civitas.worker.engine.PromptInput;
import io.civitas.worker.engine.Sampling;
import io.grpc.Channel;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The latency the gRPC hop adds: the same short greedy generation (4 tokens of the tiny model) through the worker's
 * real gRPC server over loopback, and through the engine called directly in the same JVM (admission included),
 * interleaved. Reports p50 and p99 of each and their differences.
 */
@QuarkusTest
@TestProfile(GrpcHopBenchProfile.class)
class GrpcHopBench {

    private static final String MODEL = "civitas-tiny";
    private static final int TOKENS = Integer.getInteger("bench.tokens", 16);
    private static final int WARM_UP = 50;
    private static final int RUNS = Integer.getInteger("bench.runs", 300);

    @GrpcClient("inference")
    Channel channel;

    @Inject
    InferenceEngine engine;

    @Test
    void grpcHopAgainstTheEngineDirectly() {
        await().atMost(Duration.ofSeconds(60)).until(engine::ready);
        InferenceServiceGrpc.InferenceServiceBlockingStub stub = InferenceServiceGrpc.newBlockingStub(channel);
        GenerateRequest request = GenerateRequest.newBuilder().setRequestId("bench").setTenantId("bench")
                .setModel(MODEL).setPrompt("hello").setSampling(SamplingParams.newBuilder().setMaxTokens(TOKENS))
                .build();
        Sampling sampling = new Sampling(0f, 0f, TOKENS, List.of(), OptionalLong.empty());
        for (int i = 0; i < WARM_UP; i++) {
            viaGrpc(stub, request);
            direct(sampling);
        }
        double[] grpc = new double[RUNS];
        double[] direct = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            grpc[i] = viaGrpc(stub, request);
            direct[i] = direct(sampling);
        }
        double grpcP50 = BenchReport.percentile(grpc, 50);
        double grpcP99 = BenchReport.percentile(grpc, 99);
        double directP50 = BenchReport.percentile(direct, 50);
        double directP99 = BenchReport.percentile(direct, 99);
        BenchReport.publish("grpc-hop", String.format("""
                Worker gRPC hop: %d-token greedy generations of the tiny model, %d runs each, interleaved
                                 p50 ms    p99 ms
                  engine direct  %7.3f   %7.3f
                  through gRPC   %7.3f   %7.3f
                  added          %7.3f   %7.3f
                """, TOKENS, RUNS, directP50, directP99, grpcP50, grpcP99, grpcP50 - directP50, grpcP99 - directP99));
        assertThat(grpcP50).isPositive();
    }

    private static double viaGrpc(InferenceServiceGrpc.InferenceServiceBlockingStub stub, GenerateRequest request) {
        long start = System.nanoTime();
        int completion = 0;
        for (var it = stub.generate(request); it.hasNext();) {
            GenerateChunk chunk = it.next();
            completion = chunk.getCompletionTokens();
        }
        double ms = (System.nanoTime() - start) / 1e6;
        assertThat(completion).isEqualTo(TOKENS);
        return ms;
    }

    private double direct(Sampling sampling) {
        long start = System.nanoTime();
        List<GenerationChunk> chunks = engine.generate(MODEL, "bench", new PromptInput.Text("hello"), sampling,
                Optional.empty()).collect().asList().await().indefinitely();
        double ms = (System.nanoTime() - start) / 1e6;
        assertThat(chunks.getLast().completionTokens()).isEqualTo(TOKENS);
        return ms;
    }
}
