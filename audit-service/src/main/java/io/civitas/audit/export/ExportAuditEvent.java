package io.civitas.audit.export;

import java.time.Instant;
import java.util.UUID;

import com.google.protobuf.Timestamp;

import io.civitas.api.events.v1.AdminActionPerformed;
import io.civitas.api.events.v1.EventEnvelope;
import io.civitas.api.events.v1.EventType;
import io.civitas.audit.chain.AuditEvent;
import io.civitas.audit.consumer.AuditEventParser;

/** The audit entry every export leaves: an AdminActionPerformed "audit.export" naming actor, range and tenant. */
final class ExportAuditEvent {

    /** The action recorded for exports. */
    static final String ACTION = "audit.export";

    private ExportAuditEvent() {
    }

    static AuditEvent of(UUID exportId, Caller caller, ExportRequest request) {
        Instant now = Instant.now();
        AdminActionPerformed.Builder action = AdminActionPerformed.newBuilder()
                .setActorSubject(caller.subject())
                .setActorName(caller.name())
                .addAllActorRoles(caller.roles().stream().sorted().toList())
                .setAction(ACTION)
                .setTargetType("audit-log")
                .setTargetId(exportId.toString())
                .setTenantId(request.tenant() == null ? "" : request.tenant())
                .setHttpStatus(200)
                .setRequestId(exportId.toString())
                .putDetails("from", request.from().toString())
                .putDetails("to", request.to().toString())
                .putDetails("tenant", request.tenant() == null ? "*" : request.tenant())
                .setService("audit-service");
        if (request.consistentWith() > 0) {
            action.putDetails("consistentWith", Long.toString(request.consistentWith()));
        }
        EventEnvelope envelope = EventEnvelope.newBuilder()
                .setEventId("audit-export-" + exportId)
                .setType(EventType.EVENT_TYPE_ADMIN_ACTION_PERFORMED)
                .setOccurredAt(Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()))
                .setSchemaVersion(1)
                .setTenantId(request.tenant() == null ? "platform" : request.tenant())
                .setProducer("audit-service")
                .setAdminActionPerformed(action)
                .build();
        return AuditEventParser.parse(envelope.toByteArray());
    }
}
