package io.civitas.audit.verifier.bundle;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonRawValue;

/**
 * A log entry as it is hashed into the Merkle tree and written to bundles: its JSON (keys sorted, no whitespace) is
 * the leaf's content. {@code payload} is the base64 of the event exactly as received (a protobuf EventEnvelope),
 * {@code event} the same event as compact JSON for reading, embedded as it is (protobuf's JSON mapping). Times have
 * microsecond precision, as PostgreSQL keeps them.
 */
public record AuditEntry(String record, long seq, String eventId, String eventType, String tenantId,
        String occurredAt, String payload, @JsonRawValue String event) {

    public AuditEntry {
        if (seq < 1) {
            throw new IllegalArgumentException("seq starts at 1");
        }
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(payload, "payload");
    }

    /** An entry; {@code occurredAt} is truncated to microseconds, {@code event} is a JSON object or null. */
    public static AuditEntry of(long seq, String eventId, String eventType, String tenantId, Instant occurredAt,
            byte[] payload, String event) {
        return new AuditEntry(RecordType.ENTRY.wireName(), seq, eventId, eventType, tenantId,
                occurredAt.truncatedTo(ChronoUnit.MICROS).toString(), Base64.getEncoder().encodeToString(payload),
                event);
    }

    /** The canonical JSON bytes: the leaf content and the bundle line. */
    public byte[] canonicalBytes() {
        return Json.canonical(this);
    }
}
