package io.civitas.audit;

import java.time.Instant;
import java.util.UUID;

import com.google.protobuf.Timestamp;

import io.civitas.api.events.v1.AdminActionPerformed;
import io.civitas.api.events.v1.EventEnvelope;
import io.civitas.api.events.v1.EventType;
import io.civitas.api.events.v1.Outcome;
import io.civitas.api.events.v1.RequestServed;
import io.civitas.api.events.v1.UsageRecorded;

/** Test events as the gateway produces them. */
public final class AuditEvents {

    private static final Instant OCCURRED_AT = Instant.parse("2026-11-22T10:15:30.123456Z");

    private AuditEvents() {
    }

    public static EventEnvelope requestServed(String tenantId) {
        return requestServed(tenantId, OCCURRED_AT);
    }

    /** A RequestServed of the tenant that occurred at the given time. */
    public static EventEnvelope requestServed(String tenantId, Instant occurredAt) {
        String requestId = "req-" + UUID.randomUUID();
        return EventEnvelope.newBuilder()
                .setEventId(requestId)
                .setType(EventType.EVENT_TYPE_REQUEST_SERVED)
                .setOccurredAt(Timestamp.newBuilder().setSeconds(occurredAt.getEpochSecond())
                        .setNanos(occurredAt.getNano()))
                .setSchemaVersion(1)
                .setTenantId(tenantId)
                .setProducer("gateway")
                .setRequestServed(RequestServed.newBuilder()
                        .setRequestId(requestId)
                        .setTenantId(tenantId)
                        .setKeyId("key-1")
                        .setEndpoint("POST /v1/chat/completions")
                        .setModel("llama-3.1-8b")
                        .setRegion("eu-de")
                        .setWorkerId("worker-7")
                        .setNode("node-a")
                        .setOutcome(Outcome.OUTCOME_SUCCESS)
                        .setHttpStatus(200)
                        .setPromptTokens(12)
                        .setCompletionTokens(34)
                        .setClientAddress("192.0.2.10"))
                .build();
    }

    /** An AdminActionPerformed of a platform admin on the tenant. */
    public static EventEnvelope adminAction(String tenantId, String action) {
        String requestId = "adm-" + UUID.randomUUID();
        return EventEnvelope.newBuilder()
                .setEventId(requestId)
                .setType(EventType.EVENT_TYPE_ADMIN_ACTION_PERFORMED)
                .setOccurredAt(Timestamp.newBuilder().setSeconds(OCCURRED_AT.getEpochSecond()))
                .setSchemaVersion(1)
                .setTenantId(tenantId)
                .setProducer("tenant-service")
                .setAdminActionPerformed(AdminActionPerformed.newBuilder()
                        .setActorSubject("subject-1")
                        .setActorName("operator")
                        .addActorRoles("platform-admin")
                        .setAction(action)
                        .setTargetType("tenant")
                        .setTargetId(tenantId)
                        .setTenantId(tenantId)
                        .setHttpStatus(200)
                        .setRequestId(requestId)
                        .setService("tenant-service"))
                .build();
    }

    public static EventEnvelope usageRecorded(String tenantId) {
        return EventEnvelope.newBuilder()
                .setEventId("req-" + UUID.randomUUID())
                .setType(EventType.EVENT_TYPE_USAGE_RECORDED)
                .setOccurredAt(Timestamp.newBuilder().setSeconds(OCCURRED_AT.getEpochSecond()))
                .setTenantId(tenantId)
                .setUsageRecorded(UsageRecorded.newBuilder().setRequestId("r").setTenantId(tenantId))
                .build();
    }
}
