package io.civitas.worker.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.civitas.api.inference.v1.GenerateChunk;
import io.civitas.api.inference.v1.InferenceServiceGrpc;
import io.civitas.api.inference.v1.LoadReport;
import io.civitas.api.inference.v1.WatchLoadRequest;
import io.civitas.worker.engine.InferenceEngine;
import io.civitas.worker.load.LoadReporter;
import io.grpc.Channel;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** WatchLoad and admission through the real gRPC server; the profile lets one request wait behind one running. */
@QuarkusTest
@TestProfile(WorkerTestProfile.class)
class LoadAndAdmissionGrpcTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @GrpcClient("inference")
    Channel channel;

    @Inject
    InferenceEngine engine;

    @Inject
    LoadReporter loadReporter;

    private WorkerCalls calls;

    @BeforeEach
    void awaitModel() {
        calls = new WorkerCalls(channel, engine).awaitModelLoaded();
    }

    @AfterEach
    void cancelCalls() {
        calls.cancelAllAndAwaitIdle();
    }

    @Test
    void shouldSendAReportAtOnceWithTheConfiguredCapacities() {
        // Given an interval far longer than the test
        WatchLoadRequest request = WatchLoadRequest.newBuilder().setIntervalMs(600_000).build();

        // When
        LoadReport report = calls.open(stub -> stub.watchLoad(request)).next();

        // Then
        assertThat(report.getQueueCapacity()).isEqualTo(1);
        assertThat(report.getMaxSequences()).isEqualTo(1);
        assertThat(report.getQueueDepth()).isZero();
        assertThat(report.getActiveSequences()).isZero();
        assertThat(report.getModelsList()).containsExactly(WorkerTestProfile.MODEL);
        assertThat(report.getDraining()).isFalse();
        assertThat(report.getFreeKvTokens()).isEqualTo(2048 - 2 * 8); // the tiny model's usable context, all free
        assertThat(report.getPlacement().getWorkerId()).isEqualTo("worker-test");
        assertThat(report.getReportedAt().getSeconds()).isPositive();
    }

    @Test
    void shouldReportARunningGenerationAndItsTokens() {
        // Given
        Iterator<GenerateChunk> generation = calls.open(stub -> stub.generate(WorkerCalls.longGeneration()));
        generation.next();
        WatchLoadRequest everyTenthSecond = WatchLoadRequest.newBuilder().setIntervalMs(100).build();

        // When
        Iterator<LoadReport> reports = calls.open(stub -> stub.watchLoad(everyTenthSecond));

        // Then
        await().atMost(TIMEOUT).untilAsserted(() -> {
            LoadReport report = reports.next();
            assertThat(report.getActiveSequences()).isEqualTo(1);
            assertThat(report.getTokensPerSecond()).isPositive();
            assertThat(report.hasFreeKvTokens()).isTrue();
            assertThat(report.getFreeKvTokens()).isBetween(1L, 2048L - 2 * 8 - 2);
        });
    }

    @Test
    void shouldStopReportingWhenTheCallerCancels() {
        // Given
        int before = loadReporter.watchers();
        Context.CancellableContext call = Context.current().withCancellation();
        call.run(() -> InferenceServiceGrpc.newBlockingStub(channel)
                .watchLoad(WatchLoadRequest.newBuilder().setIntervalMs(100).build()).next());
        await().atMost(TIMEOUT).until(() -> loadReporter.watchers() == before + 1);

        // When
        call.cancel(null);

        // Then
        await().atMost(TIMEOUT).until(() -> loadReporter.watchers() == before);
    }

    @Test
    void shouldRejectAtOnceWhenTheQueueIsFull() {
        // Given one generation running and one waiting
        calls.open(stub -> stub.generate(WorkerCalls.longGeneration())).next();
        calls.open(stub -> stub.generate(WorkerCalls.longGeneration()));
        await().atMost(TIMEOUT).until(() -> engine.load(Duration.ofSeconds(1)).queueDepth() == 1);

        // When
        StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class,
                () -> calls.open(stub -> stub.generate(WorkerCalls.longGeneration())).next());

        // Then
        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        assertThat(e.getStatus().getDescription()).contains("queue is full");
    }

    @Test
    void shouldDropAQueuedRequestWhoseDeadlinePassed() {
        // Given one generation running
        calls.open(stub -> stub.generate(WorkerCalls.longGeneration())).next();

        // When a request waits with a short deadline
        StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class,
                () -> calls.open(stub -> stub.withDeadlineAfter(300, TimeUnit.MILLISECONDS)
                        .generate(WorkerCalls.longGeneration())).next());

        // Then it left the queue while the first still runs
        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
        await().atMost(TIMEOUT).until(() -> engine.load(Duration.ofSeconds(1)).queueDepth() == 0);
        assertThat(engine.load(Duration.ofSeconds(1)).activeSequences()).isEqualTo(1);
    }
}
