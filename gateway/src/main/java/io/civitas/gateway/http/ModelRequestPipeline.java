package io.civitas.gateway.http;

import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executor;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.civitas.api.events.v1.Outcome;
import io.civitas.gateway.auth.ApiKeyAuthenticator;
import io.civitas.gateway.auth.TenantGrant;
import io.civitas.gateway.error.ApiError;
import io.civitas.gateway.error.ErrorMap;
import io.civitas.gateway.error.GatewayException;
import io.civitas.gateway.error.ModelNotFoundException;
import io.civitas.gateway.error.WorkerFailureException;
import io.civitas.gateway.events.EventPublisher;
import io.civitas.gateway.limits.RequestAdmission;
import io.civitas.gateway.metrics.GatewayMetrics;
import io.civitas.gateway.openai.ModelRequest;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;

/**
 * What every model endpoint shares: authenticate, validate, check entitlement, let the {@link ModelOperation} run on
 * a worker the tenant's residency allows and answer, map failures through {@link ErrorMap}, and publish usage and
 * audit events for every authenticated request.
 */
@ApplicationScoped
public class ModelRequestPipeline {

    private static final Logger LOGGER = Logger.getLogger(ModelRequestPipeline.class);
    private static final String BUDGET_WARNING_HEADER = "x-civitas-budget-warning";

    private final ApiKeyAuthenticator authenticator;
    private final Replies replies;
    private final EventPublisher events;
    private final RequestAdmission admission;
    private final GatewayMetrics metrics;

    public ModelRequestPipeline(ApiKeyAuthenticator authenticator, Replies replies, EventPublisher events,
            RequestAdmission admission, GatewayMetrics metrics) {
        this.authenticator = authenticator;
        this.replies = replies;
        this.events = events;
        this.admission = admission;
        this.metrics = metrics;
    }

    /** The route handler of an endpoint; its body must already be read (BodyHandler). */
    Handler<RoutingContext> serving(ModelOperation operation) {
        return rc -> handle(rc, operation);
    }

    private void handle(RoutingContext rc, ModelOperation operation) {
        String requestId = UUID.randomUUID().toString();
        HttpServerResponse response = rc.response().putHeader(Replies.REQUEST_ID_HEADER, requestId);
        ModelExchange exchange = new ModelExchange(requestId, operation.endpoint(), response, clientAddress(rc));
        Executor loop = EventLoop.of(rc);
        metrics.timeOverhead(response, exchange.overhead(), operation.endpoint());
        exchange.whenFinished(metrics::served);
        // Over HTTP/2 the close handler also runs when a stream ends normally: only an unfinished response means
        // that the client went away.
        response.closeHandler(ignored -> {
            if (!response.ended() && exchange.clientGone()) {
                cancelled(exchange);
            }
        });
        Buffer body = rc.body().buffer();
        byte[] bytes = body == null ? new byte[0] : body.getBytes();
        String authorization = rc.request().getHeader(HttpHeaders.AUTHORIZATION);
        Optional<TenantGrant> cached;
        try {
            cached = authenticator.authenticateCached(authorization, operation.scope());
        } catch (GatewayException refused) {
            replies.error(response, requestId, refused);
            return;
        }
        if (cached.isPresent()) {
            authenticated(exchange, operation, cached.get(), bytes, loop);
            return;
        }
        exchange.overhead().calling();
        authenticator.authenticate(authorization, operation.scope())
                .emitOn(loop)
                .subscribe().with(
                        grant -> authenticated(exchange, operation, grant, bytes, loop),
                        failure -> {
                            exchange.overhead().answered();
                            replies.error(response, requestId, failure);
                        });
    }

    private void authenticated(ModelExchange exchange, ModelOperation operation, TenantGrant grant, byte[] body,
            Executor loop) {
        exchange.overhead().answered();
        exchange.authenticated(grant);
        if (exchange.isClientGone()) {
            cancelled(exchange);
            return;
        }
        try {
            exchange.whenFinished(admission.admit(grant)::release);
            admission.budgetWarningPercent(grant.tenantId()).ifPresent(
                    percent -> exchange.response().putHeader(BUDGET_WARNING_HEADER, String.valueOf(percent)));
            ModelRequest request = operation.parse(body);
            exchange.accepted(request);
            if (!grant.mayUseModel(request.model())) {
                throw new ModelNotFoundException(request.model());
            }
        } catch (GatewayException e) {
            fail(exchange, e);
            return;
        }
        exchange.overhead().calling();
        operation.run(exchange, loop, () -> succeeded(exchange), failure -> fail(exchange, failure));
    }

    private void succeeded(ModelExchange exchange) {
        if (!exchange.isFinished()) {
            events.served(exchange.finish(Outcome.OUTCOME_SUCCESS, 200));
        }
    }

    private void fail(ModelExchange exchange, Throwable failure) {
        if (exchange.isFinished()) {
            return;
        }
        exchange.overhead().answered();
        ApiError error = ErrorMap.toApiError(failure);
        if (!exchange.response().headWritten()) {
            ErrorMap.retryAfterSeconds(failure).ifPresent(
                    seconds -> exchange.response().putHeader("retry-after", String.valueOf(seconds)));
        }
        if (failure instanceof WorkerFailureException worker) {
            LOGGER.warnf("Worker failed: request_id=%s tenant=%s key_id=%s status=%s", exchange.requestId(),
                    exchange.grant().tenantId(), exchange.grant().keyId(), worker.code());
        } else if (!(failure instanceof GatewayException)) {
            LOGGER.errorf(failure, "Unexpected failure: request_id=%s", exchange.requestId());
        }
        GenerationResponder responder = exchange.responder();
        int status = responder == null ? replies.send(exchange.response(), error) : responder.fail(exchange, error);
        events.served(exchange.finish(error.outcome(), status));
    }

    private void cancelled(ModelExchange exchange) {
        if (exchange.isFinished()) {
            return;
        }
        HttpServerResponse response = exchange.response();
        int status = response.headWritten() ? response.getStatusCode() : ModelExchange.CLIENT_CLOSED;
        LOGGER.debugf("Client went away: request_id=%s", exchange.requestId());
        events.served(exchange.finish(Outcome.OUTCOME_CANCELLED, status));
    }

    private static String clientAddress(RoutingContext rc) {
        SocketAddress address = rc.request().remoteAddress();
        return address == null ? "" : address.hostAddress();
    }
}
