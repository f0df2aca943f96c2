package io.civitas.tenant.admin;

import java.util.Map;
import java.util.UUID;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import io.civitas.support.security.Actor;
import io.civitas.tenant.outbox.AuditRecorder;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.MultivaluedMap;

/**
 * Records refused and failed admin actions: every {@link AdminAction} answered with 4xx/5xx, and every 403 of the
 * admin API (a read refused to a caller). Unauthenticated requests (401) are not recorded: there is no actor, and
 * anyone could fill the audit log with them. The event is written in a transaction of its own after the response
 * status is known; a crash in between loses that record (never a change's).
 */
public class FailedAdminActionAuditor {

    private static final Logger LOGGER = Logger.getLogger(FailedAdminActionAuditor.class);

    private static final int MAX_TARGET_LENGTH = 100;

    @Inject
    AuditRecorder audit;

    @Inject
    SecurityIdentity identity;

    @ServerResponseFilter
    public void recordFailure(ContainerRequestContext request, ContainerResponseContext response,
            ResourceInfo resource) {
        int status = response.getStatus();
        if (status < 400 || status == 401 || resource == null || resource.getResourceMethod() == null) {
            return;
        }
        AdminAction action = resource.getResourceMethod().getAnnotation(AdminAction.class);
        if (action == null && status != 403) {
            return;
        }
        MultivaluedMap<String, String> path = request.getUriInfo().getPathParameters();
        String tenantId = uuidOrNull(path.getFirst("id"));
        String targetId = path.getFirst("keyId") != null ? path.getFirst("keyId")
                : path.getFirst("model") != null ? path.getFirst("model") : tenantId;
        targetId = targetId == null || targetId.length() <= MAX_TARGET_LENGTH ? targetId
                : targetId.substring(0, MAX_TARGET_LENGTH);
        AuditRecorder.Action refused = action == null
                ? new AuditRecorder.Action("read", "tenant", targetId, tenantId)
                : new AuditRecorder.Action(action.value(), action.target(), targetId, tenantId);
        Actor actor = new AccessPolicy(identity).actor();
        Map<String, String> details = Map.of("method", request.getMethod());
        Infrastructure.getDefaultWorkerPool().execute(() -> {
            try {
                QuarkusTransaction.requiringNew().run(() -> audit.record(actor, refused, status, null, details));
            } catch (RuntimeException e) {
                LOGGER.warnf(e, "Could not record a refused admin action action=%s status=%d", refused.action(),
                        status);
            }
        });
    }

    private static String uuidOrNull(String value) {
        try {
            return value == null ? null : UUID.fromString(value).toString();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
