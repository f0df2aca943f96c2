package io.civitas.gateway.http;

import java.util.UUID;
import java.util.concurrent.Executor;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.civitas.api.events.v1.Outcome;
import io.civitas.gateway.auth.ApiKeyAuthenticator;
import io.civitas.gateway.auth.TenantGrant;
import io.civitas.gateway.error.ApiError;
import io.civitas.gateway.error.ErrorMap;
import io.civitas.gateway.error.GatewayException;
import io.civitas.gateway.error.ModelNotFoundException;
import io.civitas.gateway.error.RegionNotAllowedException;
import io.civitas.gateway.error.WorkerFailureException;
import io.civitas.gateway.events.EventPublisher;
import io.civitas.gateway.openai.ChatRequest;
import io.civitas.gateway.openai.ChatRequestParser;
import io.civitas.gateway.openai.GenerateRequests;
import io.civitas.gateway.worker.WorkerCatalog;
import io.civitas.gateway.worker.WorkerClient;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;

/**
 * POST /v1/chat/completions: authenticate, validate, check entitlement and residency, generate on the worker, answer
 * (JSON or SSE) and publish usage and audit events for every authenticated request.
 */
@ApplicationScoped
public class ChatCompletionHandler {

    static final String REQUEST_ID_HEADER = "x-request-id";
    private static final Logger LOGGER = Logger.getLogger(ChatCompletionHandler.class);

    private final ApiKeyAuthenticator authenticator;
    private final WorkerClient worker;
    private final Replies replies;
    private final EventPublisher events;
    private final ChatRequestParser parser;

    public ChatCompletionHandler(ApiKeyAuthenticator authenticator, WorkerClient worker, Replies replies,
            EventPublisher events, ObjectMapper mapper) {
        this.authenticator = authenticator;
        this.worker = worker;
        this.replies = replies;
        this.events = events;
        this.parser = new ChatRequestParser(mapper);
    }

    void handle(RoutingContext rc) {
        String requestId = UUID.randomUUID().toString();
        HttpServerResponse response = rc.response().putHeader(REQUEST_ID_HEADER, requestId);
        CompletionExchange exchange = new CompletionExchange(requestId, response, clientAddress(rc));
        Executor loop = EventLoop.of(rc);
        // Over HTTP/2 the close handler also runs when a stream ends normally: only an unfinished response means
        // that the client went away.
        response.closeHandler(ignored -> {
            if (!response.ended() && exchange.clientGone()) {
                cancelled(exchange);
            }
        });
        Buffer body = rc.body().buffer();
        byte[] bytes = body == null ? new byte[0] : body.getBytes();
        authenticator.authenticate(rc.request().getHeader(HttpHeaders.AUTHORIZATION))
                .emitOn(loop)
                .subscribe().with(
                        grant -> authenticated(exchange, grant, bytes, loop),
                        failure -> replies.error(response, requestId, failure));
    }

    private void authenticated(CompletionExchange exchange, TenantGrant grant, byte[] body, Executor loop) {
        exchange.authenticated(grant);
        if (exchange.isClientGone()) {
            cancelled(exchange);
            return;
        }
        try {
            ChatRequest request = parser.parse(body);
            exchange.accepted(request);
            if (!grant.mayUseModel(request.model())) {
                throw new ModelNotFoundException(request.model());
            }
        } catch (GatewayException e) {
            fail(exchange, ChatResponder.forRequest(exchange, replies), e);
            return;
        }
        worker.catalog()
                .emitOn(loop)
                .subscribe().with(
                        catalog -> route(exchange, catalog, loop),
                        failure -> fail(exchange, ChatResponder.forRequest(exchange, replies), failure));
    }

    private void route(CompletionExchange exchange, WorkerCatalog catalog, Executor loop) {
        if (exchange.isFinished()) {
            return;
        }
        ChatResponder responder = ChatResponder.forRequest(exchange, replies);
        exchange.placedOn(catalog.placement());
        if (!exchange.grant().mayProcessIn(catalog.region())) {
            fail(exchange, responder, new RegionNotAllowedException(exchange.request().model(), catalog.region()));
            return;
        }
        worker.generate(GenerateRequests.of(exchange.requestId(), exchange.grant().tenantId(), exchange.request()))
                .subscribe().withSubscriber(new GenerationSubscriber(loop, exchange, responder,
                        () -> succeeded(exchange, responder),
                        failure -> fail(exchange, responder, failure)));
    }

    private void succeeded(CompletionExchange exchange, ChatResponder responder) {
        responder.complete(exchange);
        events.served(exchange.finish(Outcome.OUTCOME_SUCCESS, 200));
    }

    private void fail(CompletionExchange exchange, ChatResponder responder, Throwable failure) {
        if (exchange.isFinished()) {
            return;
        }
        ApiError error = ErrorMap.toApiError(failure);
        if (failure instanceof WorkerFailureException worker) {
            LOGGER.warnf("Worker failed: request_id=%s tenant=%s key_id=%s status=%s", exchange.requestId(),
                    exchange.grant().tenantId(), exchange.grant().keyId(), worker.code());
        } else if (!(failure instanceof GatewayException)) {
            LOGGER.errorf(failure, "Unexpected failure: request_id=%s", exchange.requestId());
        }
        int status = responder.fail(exchange, error);
        events.served(exchange.finish(error.outcome(), status));
    }

    private void cancelled(CompletionExchange exchange) {
        if (exchange.isFinished()) {
            return;
        }
        HttpServerResponse response = exchange.response();
        int status = response.headWritten() ? response.getStatusCode() : CompletionExchange.CLIENT_CLOSED;
        LOGGER.debugf("Client went away: request_id=%s", exchange.requestId());
        events.served(exchange.finish(Outcome.OUTCOME_CANCELLED, status));
    }

    private static String clientAddress(RoutingContext rc) {
        SocketAddress address = rc.request().remoteAddress();
        return address == null ? "" : address.hostAddress();
    }
}
