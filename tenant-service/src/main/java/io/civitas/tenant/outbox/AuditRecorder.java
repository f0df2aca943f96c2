package io.civitas.tenant.outbox;

import java.util.Map;

import io.civitas.api.events.v1.AdminActionPerformed;
import io.civitas.api.events.v1.EventEnvelope;
import io.civitas.api.events.v1.EventType;
import io.civitas.support.security.Actor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

/**
 * Appends AdminActionPerformed events to the outbox, in the caller's transaction.
 */
@ApplicationScoped
public class AuditRecorder {

    private final OutboxWriter outbox;

    public AuditRecorder(OutboxWriter outbox) {
        this.outbox = outbox;
    }

    /** What was done to what: e.g. {@code key.revoke} on {@code key} {@code abc...} of a tenant. */
    public record Action(String action, String targetType, String targetId, String tenantId) {
    }

    @Transactional(TxType.MANDATORY)
    public void record(Actor actor, Action action, int httpStatus, String requestId, Map<String, String> details) {
        AdminActionPerformed.Builder event = AdminActionPerformed.newBuilder()
                .setActorSubject(actor.subject())
                .setActorName(actor.name())
                .addAllActorRoles(actor.roles())
                .setAction(action.action())
                .setTargetType(action.targetType())
                .setTargetId(nullToEmpty(action.targetId()))
                .setTenantId(nullToEmpty(action.tenantId()))
                .setHttpStatus(httpStatus)
                .setRequestId(nullToEmpty(requestId))
                .putAllDetails(details)
                .setService(OutboxWriter.PRODUCER);
        outbox.append(Channel.AUDIT, EventType.EVENT_TYPE_ADMIN_ACTION_PERFORMED, action.tenantId(),
                EventEnvelope.newBuilder().setAdminActionPerformed(event));
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
