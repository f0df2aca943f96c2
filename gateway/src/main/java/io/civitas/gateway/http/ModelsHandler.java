package io.civitas.gateway.http;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.civitas.gateway.auth.ApiKeyAuthenticator;
import io.civitas.gateway.auth.TenantGrant;
import io.civitas.gateway.worker.WorkerClient;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/** GET /v1/models: the models that eligible workers in the tenant's regions serve and that the key may use. */
@ApplicationScoped
public class ModelsHandler {

    private final ApiKeyAuthenticator authenticator;
    private final WorkerClient worker;
    private final Replies replies;

    public ModelsHandler(ApiKeyAuthenticator authenticator, WorkerClient worker, Replies replies) {
        this.authenticator = authenticator;
        this.worker = worker;
        this.replies = replies;
    }

    void handle(RoutingContext rc) {
        String requestId = UUID.randomUUID().toString();
        HttpServerResponse response = rc.response().putHeader(Replies.REQUEST_ID_HEADER, requestId);
        authenticator.authenticate(rc.request().getHeader(HttpHeaders.AUTHORIZATION))
                .map(this::visibleModels)
                .emitOn(EventLoop.of(rc))
                .subscribe().with(
                        body -> replies.json(response, 200, body),
                        failure -> replies.error(response, requestId, failure));
    }

    private String visibleModels(TenantGrant grant) {
        return replies.format().models(worker.models(grant.allowedRegions()).stream()
                .filter(model -> grant.mayUseModel(model.getId()))
                .toList());
    }
}
