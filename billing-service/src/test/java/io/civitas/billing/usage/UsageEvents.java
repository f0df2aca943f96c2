package io.civitas.billing.usage;

import java.time.Instant;
import java.util.UUID;

import com.google.protobuf.Timestamp;

import io.civitas.api.events.v1.EventEnvelope;
import io.civitas.api.events.v1.EventType;
import io.civitas.api.events.v1.Outcome;
import io.civitas.api.events.v1.RequestServed;
import io.civitas.api.events.v1.UsageRecorded;

/** Test events as the gateway produces them. */
public final class UsageEvents {

    public static final Instant OCCURRED_AT = Instant.parse("2026-11-22T10:15:30.123456Z");

    private UsageEvents() {
    }

    public static EventEnvelope usage(String tenantId, int promptTokens, int completionTokens, int cachedTokens) {
        return usage(tenantId, "llama-3.1-8b", "key-1", OCCURRED_AT, promptTokens, completionTokens, cachedTokens);
    }

    public static EventEnvelope usage(String tenantId, String model, String keyId, Instant occurredAt,
            int promptTokens, int completionTokens, int cachedTokens) {
        String requestId = "req-" + UUID.randomUUID();
        return EventEnvelope.newBuilder()
                .setEventId(requestId)
                .setType(EventType.EVENT_TYPE_USAGE_RECORDED)
                .setOccurredAt(timestamp(occurredAt))
                .setSchemaVersion(1)
                .setTenantId(tenantId)
                .setProducer("gateway")
                .setUsageRecorded(UsageRecorded.newBuilder()
                        .setRequestId(requestId)
                        .setTenantId(tenantId)
                        .setKeyId(keyId)
                        .setModel(model)
                        .setRegion("eu-de")
                        .setWorkerId("worker-7")
                        .setNode("node-a")
                        .setGpu("H100")
                        .setPromptTokens(promptTokens)
                        .setCompletionTokens(completionTokens)
                        .setCachedTokens(cachedTokens)
                        .setOutcome(Outcome.OUTCOME_SUCCESS)
                        .setStreamed(true)
                        .setEndpoint("POST /v1/chat/completions"))
                .build();
    }

    public static EventEnvelope requestServed(String tenantId) {
        String requestId = "req-" + UUID.randomUUID();
        return EventEnvelope.newBuilder()
                .setEventId(requestId)
                .setType(EventType.EVENT_TYPE_REQUEST_SERVED)
                .setOccurredAt(timestamp(OCCURRED_AT))
                .setTenantId(tenantId)
                .setRequestServed(RequestServed.newBuilder().setRequestId(requestId).setTenantId(tenantId))
                .build();
    }

    private static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }
}
