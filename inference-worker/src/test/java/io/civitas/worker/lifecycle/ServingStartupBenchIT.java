package io.civitas.worker.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import grpc.health.v1.HealthGrpc;
import grpc.health.v1.HealthOuterClass.HealthCheckRequest;
import grpc.health.v1.HealthOuterClass.HealthCheckResponse.ServingStatus;
import io.civitas.worker.model.ModelShape;
import io.civitas.worker.model.TestModelGenerator;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.StatusRuntimeException;

/**
 * Time from starting the packaged worker process to gRPC health SERVING (model loaded and warmed up) on the generated
 * 1.1B-parameter BF16 model that DecodeRooflineBench decodes (generated here if absent). Runs with
 * {@code ./civitas bench worker}, never in the default build; prints the figure, asserts only that it got there.
 */
class ServingStartupBenchIT {

    private static final Path MODEL = Path.of("target", "bench-model", "llama-1b-bf16");
    private static final Path WORK = Path.of("target", "serving-startup-bench");

    @Test
    void timeFromProcessStartToServing() throws Exception {
        if (!Files.exists(MODEL.resolve("model.safetensors"))) {
            new TestModelGenerator().generate(MODEL, ModelShape.LLAMA_1B, TestModelGenerator.DEFAULT_SEED, true);
        }
        int port = PackagedWorker.freePort();
        long start = System.nanoTime();
        Process worker = PackagedWorker.start(WORK, Map.of("quarkus.http.host", "127.0.0.1",
                "quarkus.http.port", String.valueOf(port),
                "civitas.worker.data-dir", WORK.resolve("data").toAbsolutePath().toString(),
                "civitas.worker.model.id", "llama-1b-bf16",
                "civitas.worker.model.dir", MODEL.toAbsolutePath().toString(),
                "civitas.worker.model.generate-if-missing", "false"));
        ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
        try {
            HealthGrpc.HealthBlockingStub health = HealthGrpc.newBlockingStub(channel);
            long firstAnswer = -1;
            long serving = -1;
            long deadline = start + TimeUnit.MINUTES.toNanos(10);
            while (serving < 0 && worker.isAlive() && System.nanoTime() < deadline) {
                try {
                    ServingStatus status = health.withDeadlineAfter(1, TimeUnit.SECONDS)
                            .check(HealthCheckRequest.getDefaultInstance()).getStatus();
                    long now = System.nanoTime();
                    if (firstAnswer < 0) {
                        firstAnswer = now;
                    }
                    if (status == ServingStatus.SERVING) {
                        serving = now;
                    }
                } catch (StatusRuntimeException notYet) {
                    // not listening yet
                }
                if (serving < 0) {
                    TimeUnit.MILLISECONDS.sleep(20);
                }
            }
            assertThat(serving).as("worker reached SERVING; see " + PackagedWorker.log(WORK)).isPositive();
            System.out.printf("%nWorker start-up on %s (%.1f GB of weights): gRPC answering (NOT_SERVING) after"
                    + " %.2f s, SERVING (loaded and warmed up) after %.2f s from process start%n", MODEL.getFileName(),
                    Files.size(MODEL.resolve("model.safetensors")) / 1e9, (firstAnswer - start) / 1e9,
                    (serving - start) / 1e9);
        } finally {
            PackagedWorker.stop(worker, channel);
        }
    }
}
