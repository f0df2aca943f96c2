package io.civitas.gateway.http;

import java.util.concurrent.Executor;

import io.vertx.core.Context;
import io.vertx.ext.web.RoutingContext;

/** Runs callbacks on the request's Vert.x context, so a request's state is only touched by its event loop. */
final class EventLoop {

    private EventLoop() {
    }

    static Executor of(RoutingContext rc) {
        Context context = rc.vertx().getOrCreateContext();
        return command -> context.runOnContext(ignored -> command.run());
    }
}
