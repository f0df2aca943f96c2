package io.civitas.worker.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.civitas.api.inference.v1.GenerateChunk;
import io.civitas.api.inference.v1.GenerateRequest;
import io.civitas.api.inference.v1.SamplingParams;
import io.civitas.worker.engine.InferenceEngine;
import io.civitas.worker.grpc.WorkerCalls;
import io.civitas.worker.grpc.WorkerTestProfile;
import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;

/** The Prometheus meters at /q/metrics after requests through the real gRPC server (queue size 1). */
@QuarkusTest
@TestProfile(WorkerTestProfile.class)
class MetricsGrpcTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String MODEL = "model=\"civitas-tiny\"";

    @GrpcClient("inference")
    Channel channel;

    @Inject
    InferenceEngine engine;

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
    void shouldCountTheTokensAndTimeTheFirstTokenOfAGeneration() {
        // Given
        String before = scrape();
        GenerateRequest request = GenerateRequest.newBuilder().setRequestId("req-metrics").setTenantId("tenant-1")
                .setModel("civitas-tiny").setPrompt("hello world")
                .setSampling(SamplingParams.newBuilder().setMaxTokens(7)).build();

        // When
        GenerateChunk last = lastChunk(calls.open(stub -> stub.generate(request)));

        // Then
        String after = scrape();
        assertThat(last.getCompletionTokens()).isEqualTo(7);
        assertThat(increase(before, after, "civitas_worker_prompt_tokens_total", MODEL))
                .isEqualTo(last.getPromptTokens());
        assertThat(increase(before, after, "civitas_worker_completion_tokens_total", MODEL)).isEqualTo(7);
        assertThat(increase(before, after, "civitas_worker_time_to_first_token_seconds_count", MODEL)).isEqualTo(1);
        assertThat(increase(before, after, "civitas_worker_inter_token_latency_seconds_count", MODEL)).isPositive();
        assertThat(value(after, "civitas_worker_time_to_first_token_seconds_sum", MODEL)).isPositive();
    }

    @Test
    void shouldCountAFullQueueRejection() {
        // Given one generation running and one waiting
        calls.open(stub -> stub.generate(WorkerCalls.longGeneration())).next();
        calls.open(stub -> stub.generate(WorkerCalls.longGeneration()));
        await().atMost(TIMEOUT).until(() -> engine.load(Duration.ofSeconds(1)).queueDepth() == 1);
        String before = scrape();

        // When
        StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class,
                () -> calls.open(stub -> stub.generate(WorkerCalls.longGeneration())).next());

        // Then
        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        assertThat(increase(before, scrape(), "civitas_worker_rejections_total", MODEL, "reason=\"queue_full\""))
                .isEqualTo(1);
    }

    @Test
    void shouldReportQueueDepthAndActiveSequencesAsGauges() {
        // Given
        calls.open(stub -> stub.generate(WorkerCalls.longGeneration())).next();

        // When
        calls.open(stub -> stub.generate(WorkerCalls.longGeneration()));

        // Then
        await().atMost(TIMEOUT).untilAsserted(() -> {
            String metrics = scrape();
            assertThat(value(metrics, "civitas_worker_queue_depth", MODEL)).isEqualTo(1);
            assertThat(value(metrics, "civitas_worker_active_sequences", MODEL)).isEqualTo(1);
        });
    }

    private static String scrape() {
        return RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();
    }

    private static double increase(String before, String after, String name, String... labels) {
        return value(after, name, labels) - value(before, name, labels);
    }

    /** The sample of {@code name} whose labels include all of {@code labels}; 0 when there is none yet. */
    private static double value(String metrics, String name, String... labels) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{([^}]*)\\} (\\S+)$").matcher(metrics);
        while (m.find()) {
            String found = m.group(1);
            if (List.of(labels).stream().allMatch(found::contains)) {
                return Double.parseDouble(m.group(2));
            }
        }
        return 0;
    }

    private static GenerateChunk lastChunk(Iterator<GenerateChunk> chunks) {
        GenerateChunk last = chunks.next();
        while (chunks.hasNext()) {
            last = chunks.next();
        }
        return last;
    }
}
