package io.civitas.worker.upstream;

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

import com.fasterxml.jackson.databind.ObjectMapper;

import io.civitas.api.inference.v1.ChatInput;
import io.civitas.api.inference.v1.ChatMessage;
import io.civitas.api.inference.v1.EmbedRequest;
import io.civitas.api.inference.v1.EmbedResponse;
import io.civitas.api.inference.v1.FinishReason;
import io.civitas.api.inference.v1.GenerateChunk;
import io.civitas.api.inference.v1.GenerateRequest;
import io.civitas.api.inference.v1.InferenceServiceGrpc;
import io.civitas.api.inference.v1.ListModelsRequest;
import io.civitas.api.inference.v1.LoadReport;
import io.civitas.api.inference.v1.ModelInfo;
import io.civitas.api.inference.v1.SamplingParams;
import io.civitas.api.inference.v1.WatchLoadRequest;
import io.civitas.worker.bench.ChunkClock;
import io.civitas.worker.engine.InferenceEngine;
import io.civitas.worker.upstream.VllmDouble.Reply;
import io.grpc.Channel;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** A worker serving a jlama model and an openai-upstream model (on the vLLM double), called over gRPC. */
@QuarkusTest
@TestProfile(UpstreamWorkerTestProfile.class)
class UpstreamGrpcTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @GrpcClient("inference")
    Channel channel;

    @Inject
    InferenceEngine engine;

    @BeforeEach
    void awaitModels() {
        await().atMost(Duration.ofSeconds(60)).until(engine::ready);
    }

    @Test
    void shouldRelayTheUpstreamsStreamWithItsUsageAndTheModelsPlacement() {
        // Given
        VllmResource.vllm().next(Reply.stream(12, 8, "length", List.of(JSON.createObjectNode().put("content", "Hi"),
                JSON.createObjectNode().put("content", " there"))));

        // When
        List<GenerateChunk> chunks = generate(chat(VllmResource.MODEL, "", SamplingParams.newBuilder().setMaxTokens(2)));

        // Then
        assertThat(chunks).extracting(GenerateChunk::getText).containsExactly("Hi", " there", "");
        assertThat(chunks).extracting(GenerateChunk::getCompletionTokens).containsExactly(1, 2, 2);
        assertThat(chunks.getLast().getPromptTokens()).isEqualTo(12);
        assertThat(chunks.getLast().getCachedPromptTokens()).isEqualTo(8);
        assertThat(chunks.getLast().getFinishReason()).isEqualTo(FinishReason.FINISH_REASON_LENGTH);
        assertThat(chunks.getFirst().getPlacement().getEngine()).isEqualTo("openai-upstream");
        assertThat(VllmResource.vllm().requests().getLast().path("cache_salt").asText())
                .isEqualTo("c425266c20fbd71fae0eb732fa65e0930ade5be2cc15847887f7a17dc16b12e2");
    }

    @Test
    void shouldHandEachDeltaToGrpcOnTheEventLoopOfItsCall() {
        // Given: several calls, whose event loops an HTTP client choosing its own would miss
        List<ChunkClock.Sent> sent;
        ChunkClock.start();
        try {
            for (int i = 0; i < 8; i++) {
                VllmResource.vllm().next(Reply.text(3, "Hello", " world"));

                // When
                assertThat(generate(chat(VllmResource.MODEL, "", SamplingParams.newBuilder()))).hasSize(3);
            }
        } finally {
            sent = ChunkClock.stop();
        }

        // Then: no hand-off to another thread between the upstream's response and the gRPC stream
        assertThat(sent).hasSize(24).allMatch(ChunkClock.Sent::onCallThread, "written on the call's event loop");
    }

    @Test
    void shouldReportTheFreeKvTokensOfTheJlamaModelAndOfVllmTogether() {
        // Given vLLM reports a quarter of its 1000 blocks of 16 tokens in use; the jlama model is idle
        long vllmFree = Math.round(VllmDouble.KV_BLOCKS * VllmDouble.KV_BLOCK_SIZE * 0.75);

        // Then (vLLM's metrics are read once a second)
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            LoadReport report = InferenceServiceGrpc.newBlockingStub(channel)
                    .watchLoad(WatchLoadRequest.newBuilder().setIntervalMs(600_000).build()).next();
            assertThat(report.getModelsList()).contains(VllmResource.MODEL);
            assertThat(report.getFreeKvTokens()).isEqualTo(2048 - 2 * 8 + vllmFree);
        });
    }

    @Test
    void shouldRelayToolCallDeltas() {
        // Given
        VllmResource.vllm().next(Reply.stream(30, -1, "tool_calls",
                List.of(Reply.toolCall(0, "chatcmpl-tool-1", "get_weather", "{\"city\": \"Paris\"}"))));

        // When
        List<GenerateChunk> chunks = generate(chat(VllmResource.MODEL, "[{\"type\":\"function\",\"function\":"
                + "{\"name\":\"get_weather\"}}]", SamplingParams.newBuilder()));

        // Then
        assertThat(chunks.getFirst().getToolCallsJson()).isEqualTo("[{\"id\":\"chatcmpl-tool-1\",\"type\":"
                + "\"function\",\"index\":0,\"function\":{\"name\":\"get_weather\",\"arguments\":"
                + "\"{\\\"city\\\": \\\"Paris\\\"}\"}}]");
        assertThat(chunks.getLast().getFinishReason()).isEqualTo(FinishReason.FINISH_REASON_TOOL_CALLS);
    }

    @Test
    void shouldListEachModelWithItsEngine() {
        // When
        List<ModelInfo> models = InferenceServiceGrpc.newBlockingStub(channel)
                .listModels(ListModelsRequest.getDefaultInstance()).getModelsList();

        // Then
        assertThat(models).extracting(ModelInfo::getId, ModelInfo::getEngine, ModelInfo::getContextLength,
                ModelInfo::getSupportsTools, ModelInfo::getSupportsEmbeddings).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("all-minilm-l6-v2", "embeddings", 512, false, true),
                        org.assertj.core.groups.Tuple.tuple("civitas-tiny", "jlama", 2048 - 2 * 8, false, true),
                        org.assertj.core.groups.Tuple.tuple(VllmResource.MODEL, "openai-upstream",
                                VllmDouble.MAX_MODEL_LEN, true, false));
    }

    @Test
    void shouldEmbedWithTheEmbeddingsModelAndItsPlacement() {
        // When
        EmbedResponse response = InferenceServiceGrpc.newBlockingStub(channel).embed(EmbedRequest.newBuilder()
                .setRequestId("req-embed").setTenantId("tenant-a").setModel("all-minilm-l6-v2")
                .addInputs("The cat sits on the mat").addInputs("hello world").build());

        // Then
        assertThat(response.getEmbeddingsList()).hasSize(2).allSatisfy(e -> assertThat(e.getValuesCount()).isEqualTo(384));
        assertThat(response.getPromptTokens()).isEqualTo(8);
        assertThat(response.getPlacement().getEngine()).isEqualTo("onnx-cpu");
    }

    @Test
    void shouldRefuseEmbeddingsOnTheUpstreamAndGenerationOnTheEmbeddingsModel() {
        // When
        StatusRuntimeException embed = catchThrowableOfType(StatusRuntimeException.class,
                () -> InferenceServiceGrpc.newBlockingStub(channel).embed(EmbedRequest.newBuilder()
                        .setTenantId("tenant-a").setModel(VllmResource.MODEL).addInputs("hello").build()));
        StatusRuntimeException generate = failure(chat("all-minilm-l6-v2", "", SamplingParams.newBuilder()));

        // Then
        assertThat(embed.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(generate.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
    }

    @Test
    void shouldRefuseToolsOnTheJlamaModelWithFailedPrecondition() {
        // When
        StatusRuntimeException e = failure(chat("civitas-tiny", "[]", SamplingParams.newBuilder()));

        // Then
        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
    }

    @Test
    void shouldAnswerInvalidArgumentForAnUpstream400() {
        // Given
        VllmResource.vllm().next(Reply.error(400, "max_tokens is too large"));

        // When
        StatusRuntimeException e = failure(chat(VllmResource.MODEL, "", SamplingParams.newBuilder()));

        // Then
        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(e.getStatus().getDescription()).isEqualTo("upstream answered 400: max_tokens is too large");
    }

    @Test
    void shouldEndTheStreamUnavailableAfterTheChunksSentWhenTheUpstreamDrops() {
        // Given
        VllmResource.vllm().next(Reply.text(3, "Hel", "lo").thenDrop());
        List<GenerateChunk> received = new ArrayList<>();

        // When
        StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class,
                () -> InferenceServiceGrpc.newBlockingStub(channel)
                        .generate(chat(VllmResource.MODEL, "", SamplingParams.newBuilder()))
                        .forEachRemaining(received::add));

        // Then
        assertThat(received).extracting(GenerateChunk::getText).containsExactly("Hel", "lo");
        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
    }

    @Test
    void shouldCloseTheUpstreamConnectionWhenTheCallerCancels() {
        // Given
        int closedBefore = VllmResource.vllm().closedByClient();
        VllmResource.vllm().next(Reply.untilClosed());
        Context.CancellableContext call = Context.current().withCancellation();
        call.run(() -> {
            Iterator<GenerateChunk> stream = InferenceServiceGrpc.newBlockingStub(channel)
                    .generate(chat(VllmResource.MODEL, "", SamplingParams.newBuilder()));
            stream.next();
        });

        // When
        call.cancel(null);

        // Then
        await().atMost(Duration.ofSeconds(10)).until(() -> VllmResource.vllm().closedByClient() == closedBefore + 1);
    }

    private List<GenerateChunk> generate(GenerateRequest request) {
        List<GenerateChunk> chunks = new ArrayList<>();
        InferenceServiceGrpc.newBlockingStub(channel).generate(request).forEachRemaining(chunks::add);
        return chunks;
    }

    private StatusRuntimeException failure(GenerateRequest request) {
        return catchThrowableOfType(StatusRuntimeException.class, () -> generate(request));
    }

    private static GenerateRequest chat(String model, String tools, SamplingParams.Builder sampling) {
        return GenerateRequest.newBuilder().setRequestId("req-up").setTenantId("tenant-a").setModel(model)
                .setChat(ChatInput.newBuilder().setToolsJson(tools)
                        .addMessages(ChatMessage.newBuilder().setRole("user").setContent("hello")))
                .setSampling(sampling).build();
    }
}
