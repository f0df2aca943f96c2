package io.civitas.worker.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.civitas.api.inference.v1.GenerateChunk;
import io.civitas.api.inference.v1.GenerateRequest;
import io.civitas.api.inference.v1.InferenceServiceGrpc;
import io.civitas.api.inference.v1.InferenceServiceGrpc.InferenceServiceBlockingStub;
import io.civitas.api.inference.v1.LoadReport;
import io.civitas.api.inference.v1.SamplingParams;
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

    private final List<Context.CancellableContext> calls = new ArrayList<>();

    @BeforeEach
    void awaitModel() {
        await().atMost(Duration.ofSeconds(60)).until(engine::ready);
    }

    @AfterEach
    void cancelCalls() {
        calls.forEach(call -> call.cancel(null));
        await().atMost(TIMEOUT).until(() -> engine.load(Duration.ofSeconds(1)).activeSequences() == 0
                && engine.load(Duration.ofSeconds(1)).queueDepth() == 0);
    }

    @Test
    void shouldSendAReportAtOnceWithTheConfiguredCapacities() {
        // Given an interval far longer than the test
        WatchLoadRequest request = WatchLoadRequest.newBuilder().setIntervalMs(600_000).build();

        // When
        LoadReport report = open(stub -> stub.watchLoad(request)).next();

        // Then
        assertThat(report.getQueueCapacity()).isEqualTo(1);
        assertThat(report.getMaxSequences()).isEqualTo(1);
        assertThat(report.getQueueDepth()).isZero();
        assertThat(report.getActiveSequences()).isZero();
        assertThat(report.getModelsList()).containsExactly(WorkerTestProfile.MODEL);
        assertThat(report.getDraining()).isFalse();
        assertThat(report.getPlacement().getWorkerId()).isEqualTo("worker-test");
        assertThat(report.getReportedAt().getSeconds()).isPositive();
    }

    @Test
    void shouldReportARunningGenerationAndItsTokens() {
        // Given
        Iterator<GenerateChunk> generation = open(stub -> stub.generate(longGeneration()));
        generation.next();

        // When
        Iterator<LoadReport> reports = open(stub -> stub.watchLoad(WatchLoadRequest.newBuilder().setIntervalMs(100)
                .build()));

        // Then
        await().atMost(TIMEOUT).untilAsserted(() -> {
            LoadReport report = reports.next();
            assertThat(report.getActiveSequences()).isEqualTo(1);
            assertThat(report.getTokensPerSecond()).isPositive();
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
        open(stub -> stub.generate(longGeneration())).next();
        open(stub -> stub.generate(longGeneration()));
        await().atMost(TIMEOUT).until(() -> engine.load(Duration.ofSeconds(1)).queueDepth() == 1);

        // When
        StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class,
                () -> open(stub -> stub.generate(longGeneration())).next());

        // Then
        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        assertThat(e.getStatus().getDescription()).contains("queue is full");
    }

    @Test
    void shouldDropAQueuedRequestWhoseDeadlinePassed() {
        // Given one generation running
        open(stub -> stub.generate(longGeneration())).next();

        // When a request waits with a short deadline
        StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class,
                () -> open(stub -> stub.withDeadlineAfter(300, TimeUnit.MILLISECONDS).generate(longGeneration()))
                        .next());

        // Then it left the queue while the first still runs
        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
        await().atMost(TIMEOUT).until(() -> engine.load(Duration.ofSeconds(1)).queueDepth() == 0);
        assertThat(engine.load(Duration.ofSeconds(1)).activeSequences()).isEqualTo(1);
    }

    private <T> T open(Function<InferenceServiceBlockingStub, T> start) {
        Context.CancellableContext call = Context.current().withCancellation();
        calls.add(call);
        Context previous = call.attach();
        try {
            return start.apply(InferenceServiceGrpc.newBlockingStub(channel));
        } finally {
            call.detach(previous);
        }
    }

    private static GenerateRequest longGeneration() {
        return GenerateRequest.newBuilder().setRequestId("req-long").setTenantId("tenant-1")
                .setModel(WorkerTestProfile.MODEL).setPrompt("hello")
                .setSampling(SamplingParams.newBuilder().setMaxTokens(2000)).build();
    }
}
