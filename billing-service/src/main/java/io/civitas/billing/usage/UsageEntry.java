package io.civitas.billing.usage;

import java.time.Instant;
import java.util.Objects;

/** One billable request: a row of the usage ledger. Optional text fields are empty strings when unset. */
public record UsageEntry(
        String eventId,
        String requestId,
        String tenantId,
        String keyId,
        String model,
        String region,
        String workerId,
        String node,
        String gpu,
        long promptTokens,
        long completionTokens,
        long cachedTokens,
        String outcome,
        boolean streamed,
        String endpoint,
        Instant occurredAt) {

    public UsageEntry {
        requireText(eventId, "eventId");
        requireText(requestId, "requestId");
        requireText(tenantId, "tenantId");
        requireText(outcome, "outcome");
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(workerId, "workerId");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(gpu, "gpu");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(occurredAt, "occurredAt");
        if (promptTokens < 0 || completionTokens < 0 || cachedTokens < 0) {
            throw new IllegalArgumentException("token counts must not be negative");
        }
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
