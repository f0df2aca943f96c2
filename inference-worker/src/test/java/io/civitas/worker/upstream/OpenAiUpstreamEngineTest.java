package io.civitas.worker.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.civitas.worker.engine.Cancellation;
import io.civitas.worker.engine.ChatMessage;
import io.civitas.worker.engine.EngineFailedException;
import io.civitas.worker.engine.EngineOverloadedException;
import io.civitas.worker.engine.EngineRefusedException;
import io.civitas.worker.engine.EngineUnavailableException;
import io.civitas.worker.engine.FinishReason;
import io.civitas.worker.engine.GenerationChunk;
import io.civitas.worker.engine.GenerationRequest;
import io.civitas.worker.engine.InvalidRequestException;
import io.civitas.worker.engine.PromptInput;
import io.civitas.worker.engine.Sampling;
import io.civitas.worker.upstream.VllmDouble.Reply;
import io.vertx.core.Vertx;

class OpenAiUpstreamEngineTest {

    private static final String TENANT_A_SALT = "c425266c20fbd71fae0eb732fa65e0930ade5be2cc15847887f7a17dc16b12e2";
    private static final String TENANT_B_SALT = "dc18564cdee1f909bf1c5f5e028112792ef1994a6f922b5f198b61a1b408fd93";
    private static final Sampling SAMPLING = new Sampling(0f, 0f, 16, List.of(), OptionalLong.empty());

    private static Vertx vertx;
    private VllmDouble vllm;
    private OpenAiUpstreamEngine engine;
    private final List<GenerationChunk> chunks = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() {
        vertx.close();
    }

    @BeforeEach
    void start() throws Exception {
        vllm = VllmDouble.start();
        engine = new OpenAiUpstreamEngine(vertx, new UpstreamSettings("mistral-7b", vllm.baseUrl(),
                VllmDouble.SERVED_MODEL, Optional.empty(), Optional.empty(), Duration.ofSeconds(5),
                Duration.ofMillis(100), 4), new CacheSalt(Optional.of("test-secret")));
        engine.load();
    }

    @AfterEach
    void stop() throws Exception {
        engine.close();
        vllm.close();
    }

    @Test
    void shouldTakeTheContextLengthFromTheUpstreamsModelList() {
        // When
        int contextLength = engine.capabilities().contextLength();

        // Then
        assertThat(contextLength).isEqualTo(VllmDouble.MAX_MODEL_LEN);
    }

    @Test
    void shouldRelayEachDeltaAndEndWithTheUpstreamsExactUsage() {
        // Given
        vllm.next(Reply.stream(21, 16, "stop", List.of(content("Bonjour"), content(","), content(" monde"))));

        // When
        Optional<FinishReason> reason = generate(chat("tenant-a"));

        // Then
        assertThat(reason).contains(FinishReason.STOP);
        assertThat(chunks).containsExactly(
                new GenerationChunk("Bonjour", 21, 1, Optional.empty()),
                new GenerationChunk(",", 21, 2, Optional.empty()),
                new GenerationChunk(" monde", 21, 3, Optional.empty()),
                new GenerationChunk("", 21, 3, Optional.of(FinishReason.STOP), "", 16));
    }

    @Test
    void shouldSendAChatToChatCompletionsWithTheTenantsCacheSaltAndUsageOptions() {
        // When
        generate(chat("tenant-a"));

        // Then
        JsonNode body = vllm.requests().getLast();
        assertThat(body.path("model").asText()).isEqualTo(VllmDouble.SERVED_MODEL);
        assertThat(body.path("messages").toString()).isEqualTo("[{\"role\":\"user\",\"content\":\"hello\"}]");
        assertThat(body.path("stream").asBoolean()).isTrue();
        assertThat(body.path("stream_options").path("include_usage").asBoolean()).isTrue();
        assertThat(body.path("max_tokens").asInt()).isEqualTo(16);
        assertThat(body.path("temperature").asDouble()).isZero();
        assertThat(body.path("cache_salt").asText()).isEqualTo(TENANT_A_SALT);
    }

    @Test
    void shouldSaltEachTenantDifferentlyWhateverTheClientSends() {
        // Given a client that hides a cache_salt in the JSON it may pass through
        PromptInput.Chat sneaky = new PromptInput.Chat(List.of(new ChatMessage("user", "hello")), "", "",
                "{\"type\":\"json_object\",\"cache_salt\":\"" + TENANT_A_SALT + "\"}");

        // When
        generate(new GenerationRequest("tenant-b", sneaky, SAMPLING));

        // Then
        JsonNode body = vllm.requests().getLast();
        assertThat(body.path("cache_salt").asText()).isEqualTo(TENANT_B_SALT);
        assertThat(body.path("response_format").path("type").asText()).isEqualTo("json_object");
    }

    @Test
    void shouldSendAPromptToCompletions() {
        // Given
        vllm.next(Reply.text(4, "lazy", " dog"));

        // When
        generate(new GenerationRequest("tenant-a", new PromptInput.Text("the quick brown fox"), SAMPLING));

        // Then
        assertThat(vllm.requests().getLast().path("prompt").asText()).isEqualTo("the quick brown fox");
        assertThat(chunks).extracting(GenerationChunk::text).containsExactly("lazy", " dog", "");
        assertThat(chunks.getLast().completionTokens()).isEqualTo(2);
        assertThat(chunks.getLast().promptTokens()).isEqualTo(4);
    }

    @Test
    void shouldPassToolsThroughAndRelayToolCallDeltas() {
        // Given
        String tools = "[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"parameters\":"
                + "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}}}]";
        PromptInput.Chat chat = new PromptInput.Chat(List.of(new ChatMessage("user", "weather in Paris?"),
                new ChatMessage("assistant", "", "[{\"id\":\"call_0\",\"type\":\"function\",\"function\":"
                        + "{\"name\":\"get_weather\",\"arguments\":\"{}\"}}]", "", ""),
                new ChatMessage("tool", "sunny", "", "call_0", "")), tools, "\"auto\"", "");
        vllm.next(Reply.stream(40, -1, "tool_calls", List.of(
                Reply.toolCall(0, "chatcmpl-tool-1", "get_weather", null),
                Reply.toolCall(0, null, null, "{\"city\": \""),
                Reply.toolCall(0, null, null, "Paris\"}"))));

        // When
        Optional<FinishReason> reason = generate(new GenerationRequest("tenant-a", chat, SAMPLING));

        // Then
        JsonNode body = vllm.requests().getLast();
        assertThat(body.path("tools").toString()).isEqualTo(tools);
        assertThat(body.path("tool_choice").asText()).isEqualTo("auto");
        assertThat(body.path("messages").get(1).path("content").isNull()).isTrue();
        assertThat(body.path("messages").get(1).path("tool_calls").get(0).path("id").asText()).isEqualTo("call_0");
        assertThat(body.path("messages").get(2).path("tool_call_id").asText()).isEqualTo("call_0");
        assertThat(reason).contains(FinishReason.TOOL_CALLS);
        assertThat(chunks).extracting(GenerationChunk::toolCallsJson).containsExactly(
                "[{\"id\":\"chatcmpl-tool-1\",\"type\":\"function\",\"index\":0,\"function\":{\"name\":\"get_weather\"}}]",
                "[{\"index\":0,\"function\":{\"arguments\":\"{\\\"city\\\": \\\"\"}}]",
                "[{\"index\":0,\"function\":{\"arguments\":\"Paris\\\"}\"}}]",
                "");
        assertThat(chunks.getLast().finishReason()).contains(FinishReason.TOOL_CALLS);
        assertThat(chunks.getLast().completionTokens()).isEqualTo(3);
    }

    @Test
    void shouldCloseTheUpstreamConnectionAtOnceWhenCancelled() {
        // Given an upstream that streams until the client goes away
        vllm.next(Reply.untilClosed());
        Cancellation cancellation = new Cancellation();
        CompletableFuture<Optional<FinishReason>> result = CompletableFuture
                .supplyAsync(() -> engine.generate(chat("tenant-a"), chunks::add, cancellation));
        await().atMost(Duration.ofSeconds(10)).until(() -> chunks.size() >= 2);

        // When
        cancellation.cancel();

        // Then
        assertThat(result.join()).isEmpty();
        await().atMost(Duration.ofSeconds(5)).until(() -> vllm.closedByClient() == 1);
    }

    @Test
    void shouldReadTheUpstreamsFreeKvTokensFromItsMetrics() {
        // When vLLM's cache fills up to a half
        vllm.kvUsage(0.5);

        // Then
        await().atMost(Duration.ofSeconds(5)).until(() -> engine.freeKvTokens().equals(
                OptionalLong.of(VllmDouble.KV_BLOCKS * VllmDouble.KV_BLOCK_SIZE / 2)));
    }

    @Test
    void shouldKnowNoFreeKvTokensWhenTheUpstreamHasNoMetrics() {
        // Given
        await().atMost(Duration.ofSeconds(5)).until(() -> engine.freeKvTokens().isPresent());

        // When the upstream stops answering /metrics (as TGI or llama.cpp's server would)
        vllm.withoutMetrics();

        // Then
        await().atMost(Duration.ofSeconds(5)).until(() -> engine.freeKvTokens().isEmpty());
    }

    @Test
    void shouldKeepItsPooledConnectionsWhenFinishedGenerationsAreCancelled() {
        // Given an upstream that streams its deltas a few milliseconds apart, as a GPU decodes them
        vllm.otherwise(Reply.text(3, "Hello", " world").paced(2));

        // When each generation is cancelled once it has finished, as the worker does when a stream ends
        for (int i = 0; i < 5; i++) {
            Cancellation cancellation = new Cancellation();
            Optional<FinishReason> reason = engine.generate(chat("tenant-a"), chunks::add, cancellation);
            cancellation.cancel();

            // Then the next generation still finds a working connection
            assertThat(reason).as("generation %d", i).contains(FinishReason.STOP);
        }
        assertThat(vllm.requests()).hasSize(5);
    }

    @Test
    void shouldFailUnavailableAfterTheChunksSentWhenTheConnectionDrops() {
        // Given
        vllm.next(Reply.text(3, "Hello", " wor").thenDrop());

        // When
        Throwable failure = catchThrowable(() -> generate(chat("tenant-a")));

        // Then
        assertThat(chunks).extracting(GenerationChunk::text).containsExactly("Hello", " wor");
        assertThat(failure).isInstanceOf(EngineUnavailableException.class);
    }

    @Test
    void shouldFailInternalOnAnErrorEventMidStream() {
        // Given
        vllm.next(Reply.text(3, "Hello").thenErrorEvent("CUDA out of memory"));

        // When
        Throwable failure = catchThrowable(() -> generate(chat("tenant-a")));

        // Then
        assertThat(chunks).extracting(GenerationChunk::text).containsExactly("Hello");
        assertThat(failure).isInstanceOf(EngineFailedException.class).hasMessageContaining("CUDA out of memory");
    }

    @Test
    void shouldMapUpstreamErrorStatuses() {
        // Given
        vllm.next(Reply.error(400, "This model's maximum context length is 32768 tokens"))
                .next(Reply.error(404, "The model `x` does not exist.")).next(Reply.error(429, "busy"))
                .next(Reply.error(500, "boom")).next(Reply.error(503, "loading"));

        // When
        List<Throwable> failures = List.of(1, 2, 3, 4, 5).stream()
                .map(i -> catchThrowable(() -> generate(chat("tenant-a")))).toList();

        // Then
        assertThat(failures).extracting(Throwable::getClass).containsExactly(InvalidRequestException.class,
                EngineRefusedException.class, EngineOverloadedException.class, EngineUnavailableException.class,
                EngineUnavailableException.class);
        assertThat(failures.getFirst())
                .hasMessage("upstream answered 400: This model's maximum context length is 32768 tokens");
    }

    @Test
    void shouldFailUnavailableWhenTheUpstreamIsDown() throws Exception {
        // Given
        vllm.close();

        // When
        Throwable failure = catchThrowable(() -> generate(chat("tenant-a")));

        // Then
        assertThat(failure).isInstanceOf(EngineUnavailableException.class);
    }

    @Test
    void shouldRefuseARequestWithoutTenant() {
        // When
        Throwable failure = catchThrowable(() -> generate(chat("")));

        // Then
        assertThat(failure).isInstanceOf(InvalidRequestException.class);
        assertThat(vllm.requests()).hasSize(0);
    }

    private Optional<FinishReason> generate(GenerationRequest request) {
        return engine.generate(request, chunks::add, new Cancellation());
    }

    private static GenerationRequest chat(String tenant) {
        return new GenerationRequest(tenant, new PromptInput.Chat(List.of(new ChatMessage("user", "hello"))),
                SAMPLING);
    }

    private static JsonNode content(String text) {
        return new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode().put("content", text);
    }
}
