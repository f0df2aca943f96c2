package io.civitas.gateway.events;

import java.util.UUID;

import com.google.protobuf.Timestamp;

import io.civitas.api.events.v1.EventEnvelope;
import io.civitas.api.events.v1.EventType;
import io.civitas.api.events.v1.RequestServed;
import io.civitas.api.events.v1.UsageRecorded;

/** Builds the envelopes the gateway publishes for a served request. */
public final class Envelopes {

    static final int SCHEMA_VERSION = 1;
    static final String PRODUCER = "gateway";

    private Envelopes() {
    }

    /** UsageRecorded; its event id is the request id, so billing deduplicates redeliveries. */
    public static EventEnvelope usage(ServedRequest served) {
        UsageRecorded usage = UsageRecorded.newBuilder()
                .setRequestId(served.requestId())
                .setTenantId(served.tenantId())
                .setKeyId(served.keyId())
                .setModel(served.model())
                .setRegion(served.placement().getRegion())
                .setWorkerId(served.placement().getWorkerId())
                .setNode(served.placement().getNode())
                .setGpu(served.placement().getGpu())
                .setPromptTokens(served.usage().promptTokens())
                .setCompletionTokens(served.usage().completionTokens())
                .setOutcome(served.outcome())
                .setStreamed(served.streamed())
                .setTimeToFirstTokenMs(served.timeToFirstTokenMillis())
                .setDurationMs(served.durationMillis())
                .setEndpoint(served.endpoint())
                .build();
        return envelope(served, served.requestId(), EventType.EVENT_TYPE_USAGE_RECORDED)
                .setUsageRecorded(usage).build();
    }

    /** RequestServed, with an event id of its own. */
    public static EventEnvelope audit(ServedRequest served) {
        RequestServed audit = RequestServed.newBuilder()
                .setRequestId(served.requestId())
                .setTenantId(served.tenantId())
                .setKeyId(served.keyId())
                .setEndpoint(served.endpoint())
                .setModel(served.model())
                .setRegion(served.placement().getRegion())
                .setWorkerId(served.placement().getWorkerId())
                .setNode(served.placement().getNode())
                .setOutcome(served.outcome())
                .setHttpStatus(served.httpStatus())
                .setPromptTokens(served.usage().promptTokens())
                .setCompletionTokens(served.usage().completionTokens())
                .setClientAddress(served.clientAddress())
                .build();
        return envelope(served, UUID.randomUUID().toString(), EventType.EVENT_TYPE_REQUEST_SERVED)
                .setRequestServed(audit).build();
    }

    private static EventEnvelope.Builder envelope(ServedRequest served, String eventId, EventType type) {
        return EventEnvelope.newBuilder()
                .setEventId(eventId)
                .setType(type)
                .setOccurredAt(Timestamp.newBuilder()
                        .setSeconds(served.finishedAt().getEpochSecond())
                        .setNanos(served.finishedAt().getNano()))
                .setSchemaVersion(SCHEMA_VERSION)
                .setTenantId(served.tenantId())
                .setProducer(PRODUCER);
    }
}
