package io.civitas.audit.chain;

import java.time.Instant;
import java.util.Objects;

/** An event to append to the audit chain; {@code payload} is the EventEnvelope exactly as received. */
public record AuditEvent(String eventId, String tenantId, String requestId, String eventType, Instant occurredAt,
        byte[] payload) {

    public AuditEvent {
        requireText(eventId, "eventId");
        requireText(tenantId, "tenantId");
        requireText(requestId, "requestId");
        requireText(eventType, "eventType");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(payload, "payload");
        if (payload.length == 0) {
            throw new IllegalArgumentException("payload must not be empty");
        }
        payload = payload.clone();
    }

    /** A copy of the payload bytes. */
    @Override
    public byte[] payload() {
        return payload.clone();
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
