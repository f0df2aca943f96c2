package io.civitas.worker.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import grpc.health.v1.HealthOuterClass.HealthCheckRequest;
import grpc.health.v1.HealthOuterClass.HealthCheckResponse.ServingStatus;
import grpc.health.v1.MutinyHealthGrpc;
import io.civitas.api.inference.v1.ChatInput;
import io.civitas.api.inference.v1.ChatMessage;
import io.civitas.api.inference.v1.EmbedRequest;
import io.civitas.api.inference.v1.EmbedResponse;
import io.civitas.api.inference.v1.FinishReason;
import io.civitas.api.inference.v1.GenerateChunk;
import io.civitas.api.inference.v1.GenerateRequest;
import io.civitas.api.inference.v1.InferenceServiceGrpc;
import io.civitas.api.inference.v1.ListModelsRequest;
import io.civitas.api.inference.v1.ListModelsResponse;
import io.civitas.api.inference.v1.MutinyInferenceServiceGrpc.MutinyInferenceServiceStub;
import io.civitas.api.inference.v1.Placement;
import io.civitas.api.inference.v1.SamplingParams;
import io.civitas.worker.engine.EngineStats;
import io.civitas.worker.engine.InferenceEngine;
import io.grpc.Channel;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;

@QuarkusTest
@TestProfile(WorkerTestProfile.class)
class InferenceGrpcServiceTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Placement PLACEMENT = Placement.newBuilder().setWorkerId("worker-test").setNode("node-test")
            .setGpu("none").setRegion("test-region").setEngine("jlama-cpu").build();

    @GrpcClient("inference")
    MutinyInferenceServiceStub client;

    @GrpcClient("inference")
    Channel channel;

    @GrpcClient("health")
    MutinyHealthGrpc.MutinyHealthStub health;

    @Inject
    InferenceEngine engine;

    @BeforeEach
    void awaitModel() {
        await().atMost(Duration.ofSeconds(60)).until(engine::ready);
    }

    @Test
    void shouldStreamTheGreedyChatReplyWithRunningCounts() {
        // Given
        GenerateRequest request = chat("hello world", SamplingParams.newBuilder().setMaxTokens(9));

        // When
        List<GenerateChunk> chunks = generate(request);

        // Then
        assertThat(text(chunks)).isEqualTo("The quick brown fox jumps over the lazy dog");
        assertThat(chunks).hasSize(9);
        assertThat(chunks).allSatisfy(c -> assertThat(c.getPromptTokens()).isEqualTo(5));
        assertThat(chunks).extracting(GenerateChunk::getCompletionTokens).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(chunks.getFirst().getPlacement()).isEqualTo(PLACEMENT);
        assertThat(chunks.subList(1, chunks.size())).noneMatch(GenerateChunk::hasPlacement);
        assertThat(chunks).extracting(GenerateChunk::getFinishReason).containsExactly(
                FinishReason.FINISH_REASON_UNSPECIFIED, FinishReason.FINISH_REASON_UNSPECIFIED,
                FinishReason.FINISH_REASON_UNSPECIFIED, FinishReason.FINISH_REASON_UNSPECIFIED,
                FinishReason.FINISH_REASON_UNSPECIFIED, FinishReason.FINISH_REASON_UNSPECIFIED,
                FinishReason.FINISH_REASON_UNSPECIFIED, FinishReason.FINISH_REASON_UNSPECIFIED,
                FinishReason.FINISH_REASON_LENGTH);
    }

    @Test
    void shouldApplyTheConfiguredDefaultMaxTokens() {
        // Given max_tokens 0 and civitas.worker.engine.max-tokens=12
        GenerateRequest request = chat("hello world", SamplingParams.newBuilder());

        // When
        List<GenerateChunk> chunks = generate(request);

        // Then
        assertThat(text(chunks)).isEqualTo("The quick brown fox jumps over the lazy dog and runs away");
        assertThat(chunks.getLast().getCompletionTokens()).isEqualTo(12);
        assertThat(chunks.getLast().getFinishReason()).isEqualTo(FinishReason.FINISH_REASON_LENGTH);
    }

    @Test
    void shouldStopBeforeAStopString() {
        // Given
        GenerateRequest request = chat("hello world", SamplingParams.newBuilder().setMaxTokens(50).addStop("lazy"));

        // When
        List<GenerateChunk> chunks = generate(request);

        // Then
        assertThat(text(chunks)).isEqualTo("The quick brown fox jumps over the ");
        assertThat(chunks.getLast().getFinishReason()).isEqualTo(FinishReason.FINISH_REASON_STOP);
        assertThat(chunks.getLast().getCompletionTokens()).isEqualTo(8);
    }

    @Test
    void shouldFinishWithStopAtTheEndOfSequenceToken() {
        // Given the successor of <s> is </s>
        GenerateRequest request = prompt("hello<s>", SamplingParams.newBuilder().setMaxTokens(10));

        // When
        List<GenerateChunk> chunks = generate(request);

        // Then
        assertThat(chunks).singleElement().satisfies(c -> {
            assertThat(c.getText()).isEmpty();
            assertThat(c.getPromptTokens()).isEqualTo(3);
            assertThat(c.getCompletionTokens()).isZero();
            assertThat(c.getFinishReason()).isEqualTo(FinishReason.FINISH_REASON_STOP);
            assertThat(c.getPlacement()).isEqualTo(PLACEMENT);
        });
    }

    @Test
    void shouldAnswerNotFoundForAnUnknownModel() {
        // Given
        GenerateRequest request = chat("hello world", SamplingParams.newBuilder()).toBuilder().setModel("gpt-9").build();

        // When
        StatusRuntimeException e = failure(request);

        // Then
        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
    }

    @Test
    void shouldAnswerInvalidArgumentForAPromptLongerThanTheContext() {
        // Given one token per '.', more than the usable context
        GenerateRequest request = prompt(".".repeat(2100), SamplingParams.newBuilder());

        // When
        StatusRuntimeException e = failure(request);

        // Then
        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(e.getStatus().getDescription()).contains("2102 tokens");
    }

    @Test
    void shouldAnswerInvalidArgumentForANegativeTemperature() {
        // Given
        GenerateRequest request = chat("hello world", SamplingParams.newBuilder().setTemperature(-1f));

        // When
        StatusRuntimeException e = failure(request);

        // Then
        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    }

    @Test
    void shouldStopGeneratingWhenTheCallerCancels() {
        // Given a generation that would run for thousands of tokens, read through a cancellable gRPC context
        // (Quarkus 3.32's Mutiny client stubs do not cancel the call when their Multi is cancelled)
        EngineStats before = engine.stats();
        GenerateRequest request = prompt("hello", SamplingParams.newBuilder().setMaxTokens(2000));
        Context.CancellableContext call = Context.current().withCancellation();
        List<GenerateChunk> firstTwo = new ArrayList<>();
        call.run(() -> {
            Iterator<GenerateChunk> stream = InferenceServiceGrpc.newBlockingStub(channel).generate(request);
            firstTwo.add(stream.next());
            firstTwo.add(stream.next());
        });

        // When
        call.cancel(null);

        // Then
        assertThat(firstTwo).extracting(GenerateChunk::getCompletionTokens).containsExactly(1, 2);
        await().atMost(TIMEOUT).untilAsserted(() -> {
            EngineStats now = engine.stats();
            assertThat(now.cancelled()).isEqualTo(before.cancelled() + 1);
            assertThat(now.finished()).isEqualTo(before.finished());
            assertThat(now.active()).isZero();
        });
    }

    @Test
    void shouldListTheLoadedModelAndPlacement() {
        // When
        ListModelsResponse response = client.listModels(ListModelsRequest.getDefaultInstance()).await()
                .atMost(TIMEOUT);

        // Then
        assertThat(response.getPlacement()).isEqualTo(PLACEMENT);
        assertThat(response.getModelsList()).singleElement().satisfies(m -> {
            assertThat(m.getId()).isEqualTo(WorkerTestProfile.MODEL);
            assertThat(m.getContextLength()).isEqualTo(2048 - 2 * 8);
            assertThat(m.getSupportsChat()).isTrue();
            assertThat(m.getSupportsEmbeddings()).isTrue();
        });
    }

    @Test
    void shouldEmbedEachInput() {
        // Given
        EmbedRequest request = EmbedRequest.newBuilder().setRequestId("req-embed").setModel(WorkerTestProfile.MODEL)
                .addInputs("hello world").addInputs("the lazy dog").build();

        // When
        EmbedResponse response = client.embed(request).await().atMost(TIMEOUT);

        // Then
        assertThat(response.getEmbeddingsList()).hasSize(2)
                .allSatisfy(e -> assertThat(e.getValuesList()).hasSize(256));
        assertThat(response.getPromptTokens()).isEqualTo(5);
        assertThat(response.getPlacement()).isEqualTo(PLACEMENT);
    }

    @Test
    void shouldReportReadyOnHttpAndGrpcHealth() {
        // When
        ServingStatus status = health.check(HealthCheckRequest.newBuilder()
                .setService("civitas.inference.v1.InferenceService").build()).await().atMost(TIMEOUT).getStatus();

        // Then
        assertThat(status).isEqualTo(ServingStatus.SERVING);
        RestAssured.get("/q/health/ready").then().statusCode(200);
    }

    private List<GenerateChunk> generate(GenerateRequest request) {
        return client.generate(request).collect().asList().await().atMost(TIMEOUT);
    }

    private StatusRuntimeException failure(GenerateRequest request) {
        return catchThrowableOfType(StatusRuntimeException.class, () -> generate(request));
    }

    private static GenerateRequest chat(String user, SamplingParams.Builder sampling) {
        return GenerateRequest.newBuilder().setRequestId("req-1").setTenantId("tenant-1")
                .setModel(WorkerTestProfile.MODEL)
                .setChat(ChatInput.newBuilder().addMessages(ChatMessage.newBuilder().setRole("user").setContent(user)))
                .setSampling(sampling).build();
    }

    private static GenerateRequest prompt(String text, SamplingParams.Builder sampling) {
        return GenerateRequest.newBuilder().setRequestId("req-2").setTenantId("tenant-1")
                .setModel(WorkerTestProfile.MODEL).setPrompt(text).setSampling(sampling).build();
    }

    private static String text(List<GenerateChunk> chunks) {
        return String.join("", chunks.stream().map(GenerateChunk::getText).toList());
    }
}
