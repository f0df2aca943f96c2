package io.civitas.billing.audit;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.MultivaluedMap;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import io.civitas.billing.db.Transactions;
import io.civitas.billing.outbox.OutboxSignal;
import io.civitas.support.security.Actor;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Records refused and failed admin actions, as tenant-service does: every {@link AdminAction} answered with 4xx or
 * 5xx whose change did not commit, with that status. Unauthenticated requests (401, or 503 while Keycloak cannot be
 * reached) are not recorded: there is no actor, and anyone could fill the audit log with them. The event is written
 * in a transaction of its own after the response status is known; a crash in between loses that record (never a
 * change's). The filter may run on an I/O thread (a refused authentication), so it takes the caller's identity
 * without blocking and writes on a worker thread.
 */
public class FailedAdminActionAuditor {

    private static final Logger LOGGER = Logger.getLogger(FailedAdminActionAuditor.class);
    private static final int MAX_ID_LENGTH = 100;
    private static final String TENANT_PARAM = "tenant";

    @Inject
    AdminAudit audit;

    @Inject
    CurrentIdentityAssociation identities;

    @Inject
    AuditRecorder recorder;

    @Inject
    Transactions transactions;

    @Inject
    OutboxSignal signal;

    @ServerResponseFilter
    public void recordFailure(ContainerRequestContext request, ContainerResponseContext response,
            ResourceInfo resource) {
        int status = response.getStatus();
        if (status < 400 || status == 401 || resource == null || resource.getResourceMethod() == null) {
            return;
        }
        AdminAction action = resource.getResourceMethod().getAnnotation(AdminAction.class);
        if (action == null || audit.committed()) {
            return;
        }
        MultivaluedMap<String, String> path = request.getUriInfo().getPathParameters();
        AuditRecorder.Action refused = audit.hasTarget()
                ? new AuditRecorder.Action(action.value(), action.target(), clip(audit.targetId()),
                        clip(audit.tenantId()))
                : new AuditRecorder.Action(action.value(), action.target(),
                        action.targetParam().isEmpty() ? null : clip(path.getFirst(action.targetParam())),
                        clip(path.getFirst(TENANT_PARAM)));
        Map<String, String> details = new LinkedHashMap<>(audit.details());
        details.put("method", request.getMethod());
        identities.getDeferredIdentity().subscribe().with(identity -> {
            if (!identity.isAnonymous()) {
                record(Actor.of(identity), refused, status, details);
            }
        }, failure -> LOGGER.debugf("A refused admin action of an unauthenticated caller is not recorded (%s)",
                failure.toString()));
    }

    private void record(Actor actor, AuditRecorder.Action refused, int status, Map<String, String> details) {
        Infrastructure.getDefaultWorkerPool().execute(() -> {
            try {
                transactions.inTransaction(c -> {
                    recorder.record(c, actor, refused, status, details);
                    return null;
                });
                signal.raise();
            } catch (Exception e) {
                LOGGER.warnf("Could not record a refused admin action action=%s status=%d (%s)", refused.action(),
                        status, e.toString());
            }
        });
    }

    private static String clip(String value) {
        return value == null || value.length() <= MAX_ID_LENGTH ? value : value.substring(0, MAX_ID_LENGTH);
    }
}
