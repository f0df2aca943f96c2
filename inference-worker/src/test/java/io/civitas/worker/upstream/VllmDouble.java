package io.civitas.worker.upstream;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/**
 * A test double of vLLM's OpenAI-compatible server (vLLM needs a GPU, so the real one cannot run here): a real HTTP
 * server on loopback speaking vLLM's wire format. GET /v1/models lists the served model with max_model_len; POST
 * /v1/chat/completions and /v1/completions answer with the next scripted {@link Reply} as Server-Sent Events shaped
 * like vLLM's: a role chunk, one chunk per delta (with usage in every chunk when stream_options.continuous_usage_stats
 * is set), the finish chunk, the usage chunk (choices [] when stream_options.include_usage is set) and
 * {@code data: [DONE]}. GET /metrics reports its KV cache as vLLM does. It records every request body and every
 * connection the client closed.
 */
public final class VllmDouble implements AutoCloseable {

    /** The served model name. */
    public static final String SERVED_MODEL = "mistralai/Mistral-7B-Instruct-v0.3";
    /** The max_model_len /v1/models reports. */
    public static final int MAX_MODEL_LEN = 32768;
    /** The KV cache /metrics reports: blocks of tokens. */
    public static final int KV_BLOCKS = 1000;
    public static final int KV_BLOCK_SIZE = 16;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;
    private final Queue<Reply> replies = new ConcurrentLinkedQueue<>();
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger closedByClient = new AtomicInteger();
    private volatile Reply fallback = Reply.text(3, "Hello", " world");
    private volatile boolean metrics = true;
    private volatile double kvUsage = 0.25;
    private volatile LongConsumer pacedDeltaWritten = nanos -> { };

    private VllmDouble() throws Exception {
        server = vertx.createHttpServer().requestHandler(this::handle).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    /** Starts a double on a free loopback port. */
    public static VllmDouble start() throws Exception {
        return new VllmDouble();
    }

    /** Its base URL. */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.actualPort());
    }

    /** Answers the next completion request with {@code reply} (in order; then the fallback). */
    public VllmDouble next(Reply reply) {
        replies.add(reply);
        return this;
    }

    /** Answers requests without a scripted reply with {@code reply}. */
    public VllmDouble otherwise(Reply reply) {
        fallback = reply;
        return this;
    }

    /** Reports this share of the KV cache in use on /metrics (0 to 1). */
    public VllmDouble kvUsage(double usage) {
        kvUsage = usage;
        return this;
    }

    /** Answers /metrics with 404, as servers other than vLLM may. */
    public VllmDouble withoutMetrics() {
        metrics = false;
        return this;
    }

    /** Tells {@code listener} when (System.nanoTime) each delta of a paced reply was written to the connection. */
    public VllmDouble onPacedDeltaWritten(LongConsumer listener) {
        pacedDeltaWritten = listener;
        return this;
    }

    /** The bodies of the completion requests received, in order. */
    public List<JsonNode> requests() {
        return List.copyOf(requests);
    }

    /** Connections of completion requests that the client closed before the response ended. */
    public int closedByClient() {
        return closedByClient.get();
    }

    private void handle(HttpServerRequest request) {
        if (request.path().equals("/v1/models")) {
            ObjectNode list = JSON.createObjectNode().put("object", "list");
            list.putArray("data").addObject().put("id", SERVED_MODEL).put("object", "model")
                    .put("owned_by", "vllm").put("max_model_len", MAX_MODEL_LEN);
            request.response().putHeader("content-type", "application/json").end(list.toString());
            return;
        }
        if (request.path().equals("/metrics")) {
            if (!metrics) {
                request.response().setStatusCode(404).end("Not Found");
                return;
            }
            request.response().putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8").end("""
                    # HELP vllm:cache_config_info Information of the LLMEngine CacheConfig
                    # TYPE vllm:cache_config_info gauge
                    vllm:cache_config_info{block_size="%d",cache_dtype="auto",num_gpu_blocks="%d"} 1.0
                    # HELP vllm:kv_cache_usage_perc KV-cache usage. 1 means 100 percent usage.
                    # TYPE vllm:kv_cache_usage_perc gauge
                    vllm:kv_cache_usage_perc{engine="0",model_name="%s"} %s
                    """.formatted(KV_BLOCK_SIZE, KV_BLOCKS, SERVED_MODEL, kvUsage));
            return;
        }
        boolean chat = request.path().equals("/v1/chat/completions");
        if (!chat && !request.path().equals("/v1/completions")) {
            request.response().setStatusCode(404).end("{\"detail\":\"Not Found\"}");
            return;
        }
        request.body().onSuccess(body -> {
            JsonNode json = readTree(body);
            requests.add(json);
            Reply reply = Optional.ofNullable(replies.poll()).orElse(fallback);
            reply.hold().whenComplete((v, e) -> vertx.runOnContext(x -> answer(request, chat, json, reply)));
        });
    }

    private void answer(HttpServerRequest request, boolean chat, JsonNode body, Reply reply) {
        HttpServerResponse response = request.response();
        response.closeHandler(v -> {
            if (!response.ended()) {
                closedByClient.incrementAndGet();
            }
        });
        if (reply.status() != 200) {
            response.setStatusCode(reply.status()).putHeader("content-type", "application/json").end(reply.errorBody());
            return;
        }
        response.setChunked(true).putHeader("content-type", "text/event-stream; charset=utf-8");
        Stream stream = new Stream(chat, body, reply);
        response.write(event(stream.chunk(roleDelta(chat), null, 0)));
        if (reply.endless()) {
            long timer = vertx.setPeriodic(20, id -> response.write(event(stream.chunk(content(chat, "x"), null,
                    stream.completion + 1))));
            response.closeHandler(v -> {
                vertx.cancelTimer(timer);
                closedByClient.incrementAndGet();
            });
            return;
        }
        if (reply.paceMillis() > 0) {
            writePaced(request, chat, body, reply, stream, 0);
            return;
        }
        for (JsonNode delta : reply.deltas()) {
            response.write(event(stream.chunk(delta, null, stream.completion + 1)));
        }
        end(request, chat, body, reply, stream);
    }

    private void writePaced(HttpServerRequest request, boolean chat, JsonNode body, Reply reply, Stream stream,
            int next) {
        if (next == reply.deltas().size()) {
            end(request, chat, body, reply, stream);
            return;
        }
        vertx.setTimer(reply.paceMillis(), id -> {
            request.response().write(event(stream.chunk(reply.deltas().get(next), null, stream.completion + 1)));
            pacedDeltaWritten.accept(System.nanoTime());
            writePaced(request, chat, body, reply, stream, next + 1);
        });
    }

    /** What follows the deltas: a drop, an error event, or the finish (and usage) chunk and [DONE]. */
    private void end(HttpServerRequest request, boolean chat, JsonNode body, Reply reply, Stream stream) {
        HttpServerResponse response = request.response();
        if (reply.dropAfterDeltas()) {
            request.connection().close();
            return;
        }
        if (reply.errorEvent() != null) {
            response.write("data: " + reply.errorEvent() + "\n\n");
            response.end("data: [DONE]\n\n");
            return;
        }
        response.write(event(stream.chunk(chat ? JSON.createObjectNode().put("content", "") : null,
                reply.finishReason(), stream.completion)));
        if (body.path("stream_options").path("include_usage").asBoolean()) {
            response.write(event(stream.usageChunk()));
        }
        response.end("data: [DONE]\n\n");
    }

    private static ObjectNode roleDelta(boolean chat) {
        return chat ? JSON.createObjectNode().put("role", "assistant").put("content", "") : null;
    }

    private static ObjectNode content(boolean chat, String text) {
        return chat ? JSON.createObjectNode().put("content", text) : JSON.createObjectNode().put("text", text);
    }

    private static Buffer event(JsonNode chunk) {
        return Buffer.buffer("data: " + chunk + "\n\n");
    }

    private static JsonNode readTree(Buffer body) {
        try {
            return JSON.readTree(body.toString());
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    /** The chunks of one response. */
    private static final class Stream {

        private final boolean chat;
        private final boolean continuousUsage;
        private final String model;
        private final Reply reply;
        private int completion;

        Stream(boolean chat, JsonNode body, Reply reply) {
            this.chat = chat;
            this.continuousUsage = body.path("stream_options").path("continuous_usage_stats").asBoolean();
            this.model = body.path("model").asText();
            this.reply = reply;
        }

        ObjectNode chunk(JsonNode delta, String finishReason, int completionTokens) {
            completion = completionTokens;
            ObjectNode chunk = header();
            ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
            if (chat) {
                choice.set("delta", delta);
            } else {
                choice.put("text", delta == null ? "" : delta.path("text").asText(delta.path("content").asText("")));
            }
            choice.putNull("logprobs");
            if (finishReason == null) {
                choice.putNull("finish_reason");
            } else {
                choice.put("finish_reason", finishReason).putNull("stop_reason");
            }
            if (continuousUsage) {
                chunk.set("usage", usage(false));
            }
            return chunk;
        }

        ObjectNode usageChunk() {
            ObjectNode chunk = header();
            chunk.putArray("choices");
            chunk.set("usage", usage(true));
            return chunk;
        }

        private ObjectNode header() {
            return JSON.createObjectNode().put("id", chat ? "chatcmpl-1" : "cmpl-1")
                    .put("object", chat ? "chat.completion.chunk" : "text_completion").put("created", 1_763_900_000)
                    .put("model", model);
        }

        private ObjectNode usage(boolean last) {
            ObjectNode usage = JSON.createObjectNode().put("prompt_tokens", reply.promptTokens())
                    .put("total_tokens", reply.promptTokens() + completion).put("completion_tokens", completion);
            if (last && reply.cachedTokens() >= 0) {
                usage.putObject("prompt_tokens_details").put("cached_tokens", reply.cachedTokens());
            }
            return usage;
        }
    }

    /**
     * A scripted answer.
     *
     * @param status HTTP status (200 streams)
     * @param errorBody the body of a non-200 answer
     * @param promptTokens prompt tokens the usage reports
     * @param cachedTokens cached prompt tokens the final usage reports (negative: no prompt_tokens_details)
     * @param deltas chat deltas (content or tool_calls) or, for /v1/completions, {"text": ...}
     * @param finishReason the finish reason
     * @param dropAfterDeltas close the connection after the deltas (no finish, no [DONE])
     * @param errorEvent an error event vLLM sends mid-stream after the deltas, or null
     * @param endless stream deltas until the client goes away
     * @param hold completes when the answer may start
     * @param paceMillis milliseconds between deltas (0: all at once), as a GPU decodes them
     */
    public record Reply(int status, String errorBody, int promptTokens, int cachedTokens, List<JsonNode> deltas,
            String finishReason, boolean dropAfterDeltas, String errorEvent, boolean endless,
            CompletableFuture<Void> hold, long paceMillis) {

        /** Text deltas, finishing with "stop". */
        public static Reply text(int promptTokens, String... texts) {
            return stream(promptTokens, -1, "stop",
                    java.util.Arrays.stream(texts).<JsonNode>map(t -> JSON.createObjectNode().put("content", t))
                            .toList());
        }

        /** Any deltas. */
        public static Reply stream(int promptTokens, int cachedTokens, String finishReason, List<JsonNode> deltas) {
            return new Reply(200, "", promptTokens, cachedTokens, deltas, finishReason, false, null, false,
                    CompletableFuture.completedFuture(null), 0);
        }

        /** An HTTP error with vLLM's error body. */
        public static Reply error(int status, String message) {
            ObjectNode body = JSON.createObjectNode();
            body.putObject("error").put("message", message).put("type", "BadRequestError").putNull("param")
                    .put("code", status);
            return new Reply(status, body.toString(), 0, -1, List.of(), "", false, null, false,
                    CompletableFuture.completedFuture(null), 0);
        }

        /** Deltas that never end until the client closes the connection. */
        public static Reply untilClosed() {
            return new Reply(200, "", 3, -1, List.of(), "", false, null, true,
                    CompletableFuture.completedFuture(null), 0);
        }

        /** These text deltas, then the connection drops. */
        public Reply thenDrop() {
            return new Reply(status, errorBody, promptTokens, cachedTokens, deltas, finishReason, true, null, false,
                    hold, paceMillis);
        }

        /** These text deltas, then vLLM's mid-stream error event. */
        public Reply thenErrorEvent(String message) {
            ObjectNode error = JSON.createObjectNode();
            error.putObject("error").put("message", message).put("type", "InternalServerError").put("code", 500);
            return new Reply(status, errorBody, promptTokens, cachedTokens, deltas, finishReason, false,
                    error.toString(), false, hold, paceMillis);
        }

        /** The same answer, started only once {@code release} completes. */
        public Reply heldUntil(CompletableFuture<Void> release) {
            return new Reply(status, errorBody, promptTokens, cachedTokens, deltas, finishReason, dropAfterDeltas,
                    errorEvent, endless, release, paceMillis);
        }

        /** The same answer, its deltas {@code millis} apart. */
        public Reply paced(long millis) {
            return new Reply(status, errorBody, promptTokens, cachedTokens, deltas, finishReason, dropAfterDeltas,
                    errorEvent, endless, hold, millis);
        }

        /** A tool-call delta as vLLM streams it. */
        public static JsonNode toolCall(int index, String id, String name, String arguments) {
            ObjectNode delta = JSON.createObjectNode();
            ArrayNode calls = delta.putArray("tool_calls");
            ObjectNode call = calls.addObject();
            if (id != null) {
                call.put("id", id).put("type", "function");
            }
            call.put("index", index);
            ObjectNode function = call.putObject("function");
            if (name != null) {
                function.put("name", name);
            }
            if (arguments != null) {
                function.put("arguments", arguments);
            }
            return delta;
        }
    }
}
