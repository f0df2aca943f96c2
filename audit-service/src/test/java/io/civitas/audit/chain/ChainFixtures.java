package io.civitas.audit.chain;

import java.time.Instant;

import io.civitas.api.events.v1.EventEnvelope;

/** Audit events built straight from envelopes, bypassing Kafka. */
final class ChainFixtures {

    private ChainFixtures() {
    }

    static AuditEvent event(EventEnvelope envelope) {
        return new AuditEvent(envelope.getEventId(), envelope.getTenantId(),
                envelope.getRequestServed().getRequestId(), envelope.getType().name(),
                Instant.ofEpochSecond(envelope.getOccurredAt().getSeconds(), envelope.getOccurredAt().getNanos()),
                envelope.toByteArray());
    }
}
