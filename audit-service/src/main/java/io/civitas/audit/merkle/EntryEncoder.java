package io.civitas.audit.merkle;

import java.time.Instant;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;

import io.civitas.api.events.v1.EventEnvelope;
import io.civitas.audit.chain.AuditEvent;
import io.civitas.audit.verifier.bundle.AuditEntry;

/**
 * Encodes an audit event as the canonical entry its Merkle leaf hashes: the envelope's bytes in base64 and, for
 * reading, the envelope in protobuf's JSON mapping (metadata only: the events never carry prompt text).
 */
public final class EntryEncoder {

    private static final JsonFormat.Printer PRINTER = JsonFormat.printer().omittingInsignificantWhitespace();

    private EntryEncoder() {
    }

    /** The canonical entry bytes of the event appended as {@code seq}. */
    public static byte[] encode(long seq, AuditEvent event) {
        return encode(seq, event.eventId(), event.eventType(), event.tenantId(), event.occurredAt(), event.payload());
    }

    /** The canonical entry bytes of an audit_entry row. */
    public static byte[] encode(long seq, String eventId, String eventType, String tenantId, Instant occurredAt,
            byte[] payload) {
        return AuditEntry.of(seq, eventId, eventType, tenantId, occurredAt, payload, readable(payload))
                .canonicalBytes();
    }

    private static String readable(byte[] payload) {
        try {
            return PRINTER.print(EventEnvelope.parseFrom(payload));
        } catch (InvalidProtocolBufferException e) {
            return null;
        }
    }
}
