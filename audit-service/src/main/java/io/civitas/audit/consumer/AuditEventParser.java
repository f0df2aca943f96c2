package io.civitas.audit.consumer;

import java.time.DateTimeException;
import java.time.Instant;

import com.google.protobuf.InvalidProtocolBufferException;

import io.civitas.api.events.v1.EventEnvelope;
import io.civitas.api.events.v1.EventType;
import io.civitas.audit.chain.AuditEvent;

/** Turns the bytes of an audit record into an {@link AuditEvent} that keeps those exact bytes, or refuses them. */
public final class AuditEventParser {

    private AuditEventParser() {
    }

    /**
     * Parses an EventEnvelope. RequestServed and AdminActionPerformed are the audit events; any other payload is
     * stored as it came, keyed by its event id.
     *
     * @throws InvalidAuditEventException when the bytes are not an envelope, its type does not match its payload or it
     *         misses required fields
     */
    public static AuditEvent parse(byte[] value) {
        if (value == null || value.length == 0) {
            throw new InvalidAuditEventException("empty record value");
        }
        EventEnvelope envelope;
        try {
            envelope = EventEnvelope.parseFrom(value);
        } catch (InvalidProtocolBufferException e) {
            throw new InvalidAuditEventException("record value is not an EventEnvelope");
        }
        if (envelope.getType() != expectedType(envelope.getPayloadCase())) {
            throw new InvalidAuditEventException("event type " + envelope.getType() + " does not match the payload "
                    + envelope.getPayloadCase());
        }
        if (!envelope.hasOccurredAt()) {
            throw new InvalidAuditEventException("envelope has no occurred_at");
        }
        String payloadTenant = payloadTenant(envelope);
        if (!payloadTenant.isEmpty() && !payloadTenant.equals(envelope.getTenantId())) {
            throw new InvalidAuditEventException("payload tenant_id differs from the envelope's");
        }
        try {
            return new AuditEvent(envelope.getEventId(), envelope.getTenantId(), requestId(envelope),
                    envelope.getType().name(),
                    Instant.ofEpochSecond(envelope.getOccurredAt().getSeconds(), envelope.getOccurredAt().getNanos()),
                    value);
        } catch (IllegalArgumentException | DateTimeException e) {
            throw new InvalidAuditEventException("invalid audit event: " + e.getMessage(), e);
        }
    }

    private static EventType expectedType(EventEnvelope.PayloadCase payload) {
        return switch (payload) {
            case USAGE_RECORDED -> EventType.EVENT_TYPE_USAGE_RECORDED;
            case REQUEST_SERVED -> EventType.EVENT_TYPE_REQUEST_SERVED;
            case TENANT_CHANGED -> EventType.EVENT_TYPE_TENANT_CHANGED;
            case BUDGET_STATE_CHANGED -> EventType.EVENT_TYPE_BUDGET_STATE_CHANGED;
            case ADMIN_ACTION_PERFORMED -> EventType.EVENT_TYPE_ADMIN_ACTION_PERFORMED;
            case PAYLOAD_NOT_SET -> null;
        };
    }

    private static String payloadTenant(EventEnvelope envelope) {
        return switch (envelope.getPayloadCase()) {
            case REQUEST_SERVED -> envelope.getRequestServed().getTenantId();
            case USAGE_RECORDED -> envelope.getUsageRecorded().getTenantId();
            case TENANT_CHANGED -> envelope.getTenantChanged().getTenantId();
            case BUDGET_STATE_CHANGED -> envelope.getBudgetStateChanged().getTenantId();
            case ADMIN_ACTION_PERFORMED -> envelope.getAdminActionPerformed().getTenantId();
            case PAYLOAD_NOT_SET -> "";
        };
    }

    private static String requestId(EventEnvelope envelope) {
        String requestId = switch (envelope.getPayloadCase()) {
            case REQUEST_SERVED -> envelope.getRequestServed().getRequestId();
            case USAGE_RECORDED -> envelope.getUsageRecorded().getRequestId();
            case ADMIN_ACTION_PERFORMED -> envelope.getAdminActionPerformed().getRequestId();
            default -> "";
        };
        return requestId.isEmpty() ? envelope.getEventId() : requestId;
    }
}
