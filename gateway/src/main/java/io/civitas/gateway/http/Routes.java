package io.civitas.gateway.http;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.civitas.gateway.config.GatewayConfig;
import io.civitas.gateway.error.RequestTooLargeException;
import io.civitas.gateway.worker.WorkerClient;
import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/** The OpenAI-compatible API on Vert.x Web routes; the OpenAPI document lists exactly these. */
@ApplicationScoped
public class Routes {

    static final String CHAT_COMPLETIONS = "/v1/chat/completions";
    static final String COMPLETIONS = "/v1/completions";
    static final String EMBEDDINGS = "/v1/embeddings";
    static final String MODELS = "/v1/models";
    static final String OPENAPI = "/v1/openapi.yaml";
    private static final int PAYLOAD_TOO_LARGE = 413;

    private final ModelRequestPipeline pipeline;
    private final ModelsHandler models;
    private final OpenApiHandler openApi;
    private final Replies replies;
    private final ModelOperation chat;
    private final ModelOperation text;
    private final ModelOperation embeddings;
    private final long bodyMaxBytes;

    public Routes(ModelRequestPipeline pipeline, ModelsHandler models, OpenApiHandler openApi, WorkerClient worker,
            Replies replies, ObjectMapper mapper, GatewayConfig config) {
        this.pipeline = pipeline;
        this.models = models;
        this.openApi = openApi;
        this.replies = replies;
        this.chat = GenerationOperation.chat(worker, replies, mapper);
        this.text = GenerationOperation.text(worker, replies, mapper);
        this.embeddings = new EmbeddingOperation(worker, replies, mapper);
        this.bodyMaxBytes = config.request().bodyMaxBytes();
    }

    void register(@Observes Router router) {
        router.route("/v1/*").failureHandler(this::failed);
        post(router, CHAT_COMPLETIONS, pipeline.serving(chat));
        post(router, COMPLETIONS, pipeline.serving(text));
        post(router, EMBEDDINGS, pipeline.serving(embeddings));
        router.get(MODELS).handler(models::handle);
        router.get(OPENAPI).handler(openApi::handle);
    }

    /** The body is read up to the limit; a larger declared Content-Length is refused before any of it is read. */
    private void post(Router router, String path, Handler<RoutingContext> handler) {
        router.post(path).handler(BodyHandler.create().setBodyLimit(bodyMaxBytes));
        router.post(path).handler(handler);
    }

    /** A route failed before a handler could answer (the body limit, mostly): answer in the OpenAI error shape. */
    private void failed(RoutingContext rc) {
        if (rc.response().headWritten()) {
            // Already answered, e.g. a 413 whose connection then closed: there is nothing left to tell the client.
            return;
        }
        String requestId = UUID.randomUUID().toString();
        Throwable failure = rc.statusCode() == PAYLOAD_TOO_LARGE ? new RequestTooLargeException(bodyMaxBytes)
                : rc.failure() != null ? rc.failure()
                : new IllegalStateException("Route failed with HTTP " + rc.statusCode());
        if (failure instanceof RequestTooLargeException) {
            // The rest of the body is not read: close the connection rather than drain it.
            rc.response().putHeader("connection", "close");
        }
        replies.error(rc.response().putHeader(Replies.REQUEST_ID_HEADER, requestId), requestId, failure);
    }
}
