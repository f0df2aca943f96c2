package io.civitas.worker.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import grpc.health.v1.HealthGrpc;
import grpc.health.v1.HealthOuterClass.HealthCheckRequest;
import grpc.health.v1.HealthOuterClass.HealthCheckResponse.ServingStatus;
import io.civitas.api.inference.v1.FinishReason;
import io.civitas.api.inference.v1.GenerateChunk;
import io.civitas.api.inference.v1.GenerateRequest;
import io.civitas.api.inference.v1.InferenceServiceGrpc;
import io.civitas.api.inference.v1.SamplingParams;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;

/** Starts the packaged worker as a real process, sends it SIGTERM during a generation and watches it drain. */
class GracefulDrainIT {

    private static final Path WORK = Path.of("target/drain-it");
    private static final int GRACE_SECONDS = 60;
    private static final int TOKENS = 1500;

    private Process worker;
    private ManagedChannel channel;

    @AfterEach
    void stop() {
        PackagedWorker.stop(worker, channel);
    }

    @Test
    void shouldFinishTheInFlightStreamRefuseNewCallsAndExitOnSigterm() throws Exception {
        // Given a started worker streaming a long generation
        int port = PackagedWorker.freePort();
        worker = start(port);
        await().atMost(Duration.ofMinutes(3)).until(() -> PackagedWorker.readiness(port) == 200);
        channel = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
        List<GenerateChunk> chunks = new CopyOnWriteArrayList<>();
        CompletableFuture<Status> end = new CompletableFuture<>();
        InferenceServiceGrpc.newStub(channel).generate(request(TOKENS), collect(chunks, end));
        await().atMost(Duration.ofMinutes(1)).until(() -> !chunks.isEmpty());

        // When
        worker.destroy();

        // Then
        await().atMost(Duration.ofSeconds(GRACE_SECONDS)).until(() -> PackagedWorker.readiness(port) == 503);
        StatusRuntimeException refused = catchThrowableOfType(StatusRuntimeException.class,
                () -> InferenceServiceGrpc.newBlockingStub(channel).generate(request(5)).next());
        assertThat(HealthGrpc.newBlockingStub(channel).check(HealthCheckRequest.newBuilder()
                .setService(InferenceServiceGrpc.SERVICE_NAME).build()).getStatus())
                .isEqualTo(ServingStatus.NOT_SERVING);
        assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(refused.getStatus().getDescription()).isEqualTo("draining");
        assertThat(end.get(GRACE_SECONDS, TimeUnit.SECONDS).getCode()).isEqualTo(Status.Code.OK);
        assertThat(chunks.getLast().getCompletionTokens()).isEqualTo(TOKENS);
        assertThat(chunks.getLast().getFinishReason()).isEqualTo(FinishReason.FINISH_REASON_LENGTH);
        assertThat(worker.waitFor(GRACE_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(worker.exitValue()).isIn(0, 143);
    }

    private static Process start(int port) throws IOException {
        return PackagedWorker.start(WORK, Map.of("quarkus.http.host", "127.0.0.1", "quarkus.http.port",
                String.valueOf(port), "civitas.worker.model.dir", WORK.resolve("model").toAbsolutePath().toString(),
                "civitas.worker.data-dir", WORK.resolve("data").toAbsolutePath().toString(),
                "civitas.worker.drain.grace-seconds", String.valueOf(GRACE_SECONDS)));
    }

    private static GenerateRequest request(int maxTokens) {
        return GenerateRequest.newBuilder().setRequestId("req-drain").setTenantId("tenant-1").setModel("civitas-tiny")
                .setPrompt("hello").setSampling(SamplingParams.newBuilder().setMaxTokens(maxTokens)).build();
    }

    private static StreamObserver<GenerateChunk> collect(List<GenerateChunk> chunks, CompletableFuture<Status> end) {
        return new StreamObserver<>() {
            @Override
            public void onNext(GenerateChunk chunk) {
                chunks.add(chunk);
            }

            @Override
            public void onError(Throwable t) {
                end.complete(Status.fromThrowable(t));
            }

            @Override
            public void onCompleted() {
                end.complete(Status.OK);
            }
        };
    }

}
