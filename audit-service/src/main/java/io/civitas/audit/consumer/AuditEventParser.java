package io.civitas.audit.consumer;

import java.time.DateTimeException;
import java.time.Instant;

import com.google.protobuf.InvalidProtocolBufferException;

import io.civitas.api.events.v1.EventEnvelope;
import io.civitas.api.events.v1.EventType;
import io.civitas.api.events.v1.RequestServed;
import io.civitas.audit.chain.AuditEvent;

/** Turns the bytes of an audit record into an {@link AuditEvent} that keeps those exact bytes, or refuses them. */
public final class AuditEventParser {

    private AuditEventParser() {
    }

    /**
     * Parses an EventEnvelope carrying RequestServed.
     *
     * @throws InvalidAuditEventException when the bytes are not such an envelope or miss required fields
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
        if (envelope.getPayloadCase() != EventEnvelope.PayloadCase.REQUEST_SERVED) {
            throw new InvalidAuditEventException("expected payload request_served, got " + envelope.getPayloadCase());
        }
        if (envelope.getType() != EventType.EVENT_TYPE_REQUEST_SERVED) {
            throw new InvalidAuditEventException("event type " + envelope.getType() + " does not match the payload");
        }
        if (!envelope.hasOccurredAt()) {
            throw new InvalidAuditEventException("envelope has no occurred_at");
        }
        RequestServed served = envelope.getRequestServed();
        if (!served.getTenantId().isEmpty() && !served.getTenantId().equals(envelope.getTenantId())) {
            throw new InvalidAuditEventException("payload tenant_id differs from the envelope's");
        }
        try {
            return new AuditEvent(envelope.getEventId(), envelope.getTenantId(), served.getRequestId(),
                    envelope.getType().name(),
                    Instant.ofEpochSecond(envelope.getOccurredAt().getSeconds(), envelope.getOccurredAt().getNanos()),
                    value);
        } catch (IllegalArgumentException | DateTimeException e) {
            throw new InvalidAuditEventException("invalid audit event: " + e.getMessage(), e);
        }
    }
}
