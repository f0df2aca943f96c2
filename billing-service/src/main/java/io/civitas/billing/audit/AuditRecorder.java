package io.civitas.billing.audit;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.google.protobuf.Timestamp;

import io.civitas.api.events.v1.AdminActionPerformed;
import io.civitas.api.events.v1.EventEnvelope;
import io.civitas.api.events.v1.EventType;
import io.civitas.billing.outbox.Channel;
import io.civitas.billing.outbox.Outbox;
import io.civitas.support.security.Actor;

/** Appends AdminActionPerformed events to the outbox (audit channel), in the caller's transaction. */
@ApplicationScoped
public class AuditRecorder {

    /** Producer and service named in every event. */
    public static final String PRODUCER = "billing-service";
    /** Record key of events that concern no tenant. */
    public static final String PLATFORM_KEY = "platform";

    private final Outbox outbox;

    public AuditRecorder(Outbox outbox) {
        this.outbox = outbox;
    }

    /** What was done to what: e.g. {@code price.add} on {@code price-book} {@code mistral}; tenant may be empty. */
    public record Action(String action, String targetType, String targetId, String tenantId) {

        public Action {
            targetId = targetId == null ? "" : targetId;
            tenantId = tenantId == null ? "" : tenantId;
        }
    }

    /** Appends the event in the transaction of {@code c}; it is published once that transaction committed. */
    public void record(Connection c, Actor actor, Action action, int httpStatus, Map<String, String> details)
            throws SQLException {
        Instant now = Instant.now();
        EventEnvelope envelope = EventEnvelope.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setType(EventType.EVENT_TYPE_ADMIN_ACTION_PERFORMED)
                .setOccurredAt(Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()))
                .setSchemaVersion(1)
                .setTenantId(action.tenantId())
                .setProducer(PRODUCER)
                .setAdminActionPerformed(AdminActionPerformed.newBuilder()
                        .setActorSubject(actor.subject())
                        .setActorName(actor.name())
                        .addAllActorRoles(actor.roles())
                        .setAction(action.action())
                        .setTargetType(action.targetType())
                        .setTargetId(action.targetId())
                        .setTenantId(action.tenantId())
                        .setHttpStatus(httpStatus)
                        .putAllDetails(details)
                        .setService(PRODUCER))
                .build();
        String key = action.tenantId().isEmpty() ? PLATFORM_KEY : action.tenantId();
        outbox.append(c, Channel.AUDIT, key, envelope.toByteArray());
    }
}
