package io.civitas.gateway.events;

import java.time.Instant;
import java.util.Objects;

import io.civitas.api.events.v1.Outcome;
import io.civitas.api.inference.v1.Placement;
import io.civitas.gateway.openai.Usage;

/** The facts about one authenticated request that usage and audit events report. Never holds any text. */
public record ServedRequest(String requestId, String tenantId, String keyId, String endpoint, String model,
        Placement placement, Usage usage, Outcome outcome, int httpStatus, boolean streamed,
        long timeToFirstTokenMillis, long durationMillis, String clientAddress, Instant finishedAt) {

    public ServedRequest {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(endpoint, "endpoint");
        model = model == null ? "" : model;
        placement = placement == null ? Placement.getDefaultInstance() : placement;
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(outcome, "outcome");
        clientAddress = clientAddress == null ? "" : clientAddress;
        Objects.requireNonNull(finishedAt, "finishedAt");
        if (timeToFirstTokenMillis < 0 || durationMillis < 0) {
            throw new IllegalArgumentException("Timings must not be negative");
        }
    }
}
