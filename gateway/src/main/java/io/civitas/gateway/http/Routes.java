package io.civitas.gateway.http;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;

/** The OpenAI-compatible API on Vert.x Web routes. */
@ApplicationScoped
public class Routes {

    static final String CHAT_COMPLETIONS = "/v1/chat/completions";
    static final String MODELS = "/v1/models";
    private static final long MAX_BODY_BYTES = 8L * 1024 * 1024;

    private final ChatCompletionHandler chat;
    private final ModelsHandler models;

    public Routes(ChatCompletionHandler chat, ModelsHandler models) {
        this.chat = chat;
        this.models = models;
    }

    void register(@Observes Router router) {
        router.post(CHAT_COMPLETIONS).handler(BodyHandler.create().setBodyLimit(MAX_BODY_BYTES));
        router.post(CHAT_COMPLETIONS).handler(chat::handle);
        router.get(MODELS).handler(models::handle);
    }
}
