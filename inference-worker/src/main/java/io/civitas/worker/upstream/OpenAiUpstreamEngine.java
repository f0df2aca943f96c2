package io.civitas.worker.upstream;

import java.net.URI;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.civitas.worker.engine.Cancellation;
import io.civitas.worker.engine.EngineUnavailableException;
import io.civitas.worker.engine.FinishReason;
import io.civitas.worker.engine.GenerationChunk;
import io.civitas.worker.engine.GenerationRequest;
import io.civitas.worker.engine.ModelEngine;
import io.civitas.worker.engine.PromptInput;
import io.civitas.worker.engine.Sampling;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.parsetools.RecordParser;

/**
 * The openai-upstream engine: relays generations to an OpenAI-compatible server on loopback (vLLM on GPU nodes;
 * also TGI, llama.cpp's server, NIM) with {@code stream: true}, and its SSE deltas back as chunks
 * ({@link UpstreamStream}). Every request carries the tenant's {@link CacheSalt}. Cancelling a generation resets
 * the HTTP request at once (on HTTP/1.1 the connection is closed), which makes vLLM abort the sequence.
 */
public final class OpenAiUpstreamEngine implements ModelEngine {

    private static final Logger LOGGER = Logger.getLogger(OpenAiUpstreamEngine.class);
    private static final Sampling WARM_UP = Sampling.GREEDY.withMaxTokens(1);
    private static final String WARM_UP_TENANT = "civitas-worker-warm-up";
    private static final long LOAD_ATTEMPT_SECONDS = 30;
    private static final int LOG_EVERY_ATTEMPTS = 30;
    private static final long KV_REFRESH_MILLIS = 1000;
    private static final long KV_STALE_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final String id;
    private final URI baseUrl;
    private final String upstreamModel;
    private final Optional<Integer> configuredContextLength;
    private final Optional<String> apiKey;
    private final CacheSalt cacheSalt;
    private final long retryMillis;
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient client;
    private final Vertx vertx;
    private volatile boolean closed;
    private volatile int contextLength;
    private volatile long kvTimer = -1;
    private volatile KvReading kvReading = new KvReading(OptionalLong.empty(), System.nanoTime());

    /**
     * @param settings where the upstream is and how to reach it
     * @param cacheSalt the worker's salt derivation
     */
    public OpenAiUpstreamEngine(Vertx vertx, UpstreamSettings settings, CacheSalt cacheSalt) {
        this.id = settings.modelId();
        this.baseUrl = settings.baseUrl();
        this.upstreamModel = settings.upstreamModel();
        this.configuredContextLength = settings.contextLength();
        this.apiKey = settings.apiKey();
        this.cacheSalt = cacheSalt;
        this.retryMillis = settings.retry().toMillis();
        this.vertx = vertx;
        this.client = vertx.createHttpClient(
                new HttpClientOptions().setConnectTimeout((int) settings.connectTimeout().toMillis()),
                new PoolOptions().setHttp1MaxSize(settings.maxSequences()));
    }

    /** Waits until the upstream lists the model (it may still be starting), and takes its context length. */
    @Override
    public void load() {
        for (int attempt = 1; !closed; attempt++) {
            try {
                contextLength = contextLength(await(send(HttpMethod.GET, "/v1/models", null)
                        .compose(response -> response.body().map(body -> check(response.statusCode(), body)))));
                refreshFreeKv();
                kvTimer = vertx.setPeriodic(KV_REFRESH_MILLIS, id -> refreshFreeKv());
                return;
            } catch (RuntimeException e) {
                // INFO for the first attempt and then about once a minute; the sidecar may take minutes to load
                Logger.Level level = attempt == 1 || attempt % LOG_EVERY_ATTEMPTS == 0 ? Logger.Level.INFO
                        : Logger.Level.DEBUG;
                LOGGER.logf(level, "Upstream of model %s at %s not ready (attempt %d): %s", id, baseUrl, attempt,
                        e.getMessage());
                sleep(retryMillis);
            }
        }
        throw new IllegalStateException("closed while loading");
    }

    private int contextLength(Buffer models) {
        JsonNode list = readTree(models.toString());
        for (JsonNode model : list.path("data")) {
            if (upstreamModel.equals(model.path("id").asText())) {
                int reported = model.path("max_model_len").asInt(0);
                return reported > 0 ? reported : configuredContextLength.orElseThrow(() -> new IllegalStateException(
                        "the upstream reports no max_model_len for " + upstreamModel + "; set context-length"));
            }
        }
        throw new IllegalStateException("the upstream does not serve " + upstreamModel);
    }

    /**
     * The upstream's free KV-cache tokens as its Prometheus metrics said within the last few seconds (vLLM; see
     * {@link VllmKvCache}), read once a second; empty for servers without them or when the last read failed.
     */
    @Override
    public OptionalLong freeKvTokens() {
        KvReading last = kvReading;
        return System.nanoTime() - last.nanoTime() < KV_STALE_NANOS ? last.freeTokens() : OptionalLong.empty();
    }

    private void refreshFreeKv() {
        send(HttpMethod.GET, "/metrics", null)
                .compose(response -> response.body().map(body -> response.statusCode() / 100 == 2
                        ? VllmKvCache.freeTokens(body.toString()) : OptionalLong.empty()))
                .otherwise(OptionalLong.empty())
                .onSuccess(free -> kvReading = new KvReading(free, System.nanoTime()));
    }

    /** What the upstream's metrics said of its free KV cache, and when. */
    private record KvReading(OptionalLong freeTokens, long nanoTime) {
    }

    @Override
    public void warmUp() {
        generate(new GenerationRequest(WARM_UP_TENANT, new PromptInput.Text("warm up"), WARM_UP), chunk -> { },
                new Cancellation());
    }

    @Override
    public Capabilities capabilities() {
        return new Capabilities(contextLength, true, false, true);
    }

    @Override
    public Optional<FinishReason> generate(GenerationRequest request, Consumer<GenerationChunk> sink,
            Cancellation cancellation) {
        UpstreamRequest upstream = UpstreamRequest.of(json, request, upstreamModel, cacheSalt.of(request.tenantId()));
        UpstreamStream stream = new UpstreamStream(json, sink);
        CompletableFuture<Optional<FinishReason>> done = new CompletableFuture<>();
        // Started on the caller's event loop: the response's deltas then arrive on the thread that writes them out
        request.origin().execute(() -> {
            try {
                start(upstream, stream, cancellation, done);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        return join(done);
    }

    private void start(UpstreamRequest upstream, UpstreamStream stream, Cancellation cancellation,
            CompletableFuture<Optional<FinishReason>> done) {
        client.request(options(HttpMethod.POST, upstream.path())).onSuccess(http -> {
            cancellation.onCancel(() -> {
                // Only a generation still running is reset: the worker cancels every call once its stream ends,
                // and resetting a finished request closes a connection the pool may have handed to another request.
                if (done.complete(Optional.empty())) {
                    http.reset();
                }
            });
            http.putHeader(HttpHeaders.CONTENT_TYPE, "application/json").putHeader(HttpHeaders.ACCEPT,
                    "text/event-stream");
            http.send(Buffer.buffer(upstream.body().toString())).onSuccess(response -> relay(response, stream, done))
                    .onFailure(e -> done.completeExceptionally(unavailable(e)));
        }).onFailure(e -> done.completeExceptionally(unavailable(e)));
    }

    private void relay(HttpClientResponse response, UpstreamStream stream,
            CompletableFuture<Optional<FinishReason>> done) {
        if (response.statusCode() / 100 != 2) {
            response.body().onSuccess(body -> done.completeExceptionally(
                    UpstreamErrors.of(json, response.statusCode(), body.toString())))
                    .onFailure(e -> done.completeExceptionally(unavailable(e)));
            return;
        }
        SseDecoder decoder = new SseDecoder();
        RecordParser lines = RecordParser.newDelimited("\n", line -> {
            if (!done.isDone()) {
                decoder.line(line.toString()).ifPresent(stream::event);
            }
        });
        response.handler(buffer -> {
            try {
                lines.handle(buffer);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
                response.request().reset();
            }
        });
        response.exceptionHandler(e -> done.completeExceptionally(unavailable(e)));
        response.endHandler(v -> {
            try {
                if (!done.isDone()) {
                    stream.end();
                    done.complete(stream.finishReason());
                }
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
    }

    private Future<HttpClientResponse> send(HttpMethod method, String path, Buffer body) {
        return client.request(options(method, path))
                .compose(request -> body == null ? request.send() : request.send(body));
    }

    private RequestOptions options(HttpMethod method, String path) {
        RequestOptions options = new RequestOptions().setMethod(method).setAbsoluteURI(baseUrl.resolve(path).toString());
        apiKey.ifPresent(key -> options.putHeader(HttpHeaders.AUTHORIZATION, "Bearer " + key));
        return options;
    }

    private Buffer check(int status, Buffer body) {
        if (status / 100 != 2) {
            throw UpstreamErrors.of(json, status, body.toString());
        }
        return body;
    }

    private JsonNode readTree(String text) {
        try {
            return json.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException("the upstream's model list is not JSON");
        }
    }

    private static EngineUnavailableException unavailable(Throwable cause) {
        return cause instanceof EngineUnavailableException e ? e
                : new EngineUnavailableException("upstream unreachable or connection lost: " + cause.getMessage(),
                        cause);
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(LOAD_ATTEMPT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : unavailable(e.getCause());
        } catch (TimeoutException e) {
            throw new EngineUnavailableException("the upstream did not answer in time");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineUnavailableException("interrupted");
        }
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : unavailable(e.getCause());
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the upstream");
        }
    }

    @Override
    public void close() {
        closed = true;
        vertx.cancelTimer(kvTimer);
        client.close();
    }
}
