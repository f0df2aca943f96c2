package io.civitas.billing.usage;

import java.time.DateTimeException;
import java.time.Instant;

import com.google.protobuf.InvalidProtocolBufferException;

import io.civitas.billing.kafka.InvalidEventException;
import io.civitas.api.events.v1.EventEnvelope;
import io.civitas.api.events.v1.EventType;
import io.civitas.api.events.v1.Outcome;
import io.civitas.api.events.v1.UsageRecorded;

/** Turns the bytes of a usage record into a {@link UsageEntry}, or refuses them. */
public final class UsageEventParser {

    private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private UsageEventParser() {
    }

    /**
     * Parses an EventEnvelope carrying UsageRecorded.
     *
     * @throws InvalidEventException when the bytes are not such an envelope or miss required fields
     */
    public static UsageEntry parse(byte[] value) {
        if (value == null || value.length == 0) {
            throw new InvalidEventException("empty record value");
        }
        EventEnvelope envelope;
        try {
            envelope = EventEnvelope.parseFrom(value);
        } catch (InvalidProtocolBufferException e) {
            throw new InvalidEventException("record value is not an EventEnvelope");
        }
        if (envelope.getPayloadCase() != EventEnvelope.PayloadCase.USAGE_RECORDED) {
            throw new InvalidEventException("expected payload usage_recorded, got " + envelope.getPayloadCase());
        }
        if (envelope.getType() != EventType.EVENT_TYPE_USAGE_RECORDED) {
            throw new InvalidEventException("event type " + envelope.getType() + " does not match the payload");
        }
        if (envelope.getEventId().isBlank()) {
            throw new InvalidEventException("envelope has no event_id");
        }
        if (!envelope.hasOccurredAt()) {
            throw new InvalidEventException("envelope has no occurred_at");
        }
        UsageRecorded usage = envelope.getUsageRecorded();
        if (Integer.toUnsignedLong(usage.getCachedTokens()) > Integer.toUnsignedLong(usage.getPromptTokens())) {
            throw new InvalidEventException("cached_tokens exceeds prompt_tokens");
        }
        Instant occurredAt = occurredAt(envelope);
        if (hasNul(envelope.getEventId(), envelope.getTenantId(), usage.getRequestId(), usage.getKeyId(),
                usage.getModel(), usage.getRegion(), usage.getWorkerId(), usage.getNode(), usage.getGpu(),
                usage.getEndpoint())) {
            throw new InvalidEventException("a text field contains a NUL character");
        }
        try {
            return new UsageEntry(
                    envelope.getEventId(),
                    usage.getRequestId(),
                    tenantOf(envelope, usage),
                    usage.getKeyId(),
                    usage.getModel(),
                    usage.getRegion(),
                    usage.getWorkerId(),
                    usage.getNode(),
                    usage.getGpu(),
                    Integer.toUnsignedLong(usage.getPromptTokens()),
                    Integer.toUnsignedLong(usage.getCompletionTokens()),
                    Integer.toUnsignedLong(usage.getCachedTokens()),
                    outcomeName(usage),
                    usage.getStreamed(),
                    usage.getEndpoint(),
                    occurredAt);
        } catch (IllegalArgumentException e) {
            throw new InvalidEventException("invalid usage event: " + e.getMessage(), e);
        }
    }

    private static Instant occurredAt(EventEnvelope envelope) {
        try {
            Instant at = Instant.ofEpochSecond(envelope.getOccurredAt().getSeconds(), envelope.getOccurredAt().getNanos());
            if (!at.isBefore(EARLIEST) && !at.isAfter(LATEST)) {
                return at;
            }
        } catch (DateTimeException e) {
            // reported below
        }
        throw new InvalidEventException("occurred_at is out of range");
    }

    private static boolean hasNul(String... values) {
        for (String value : values) {
            if (value.indexOf('\u0000') >= 0) {
                return true;
            }
        }
        return false;
    }

    private static String tenantOf(EventEnvelope envelope, UsageRecorded usage) {
        String tenant = envelope.getTenantId();
        if (!usage.getTenantId().isEmpty() && !usage.getTenantId().equals(tenant)) {
            throw new InvalidEventException("payload tenant_id differs from the envelope's");
        }
        return tenant;
    }

    private static String outcomeName(UsageRecorded usage) {
        Outcome outcome = usage.getOutcome();
        return outcome == Outcome.UNRECOGNIZED ? "OUTCOME_" + usage.getOutcomeValue() : outcome.name();
    }
}
