package io.civitas.gateway.support;

import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.UUID;

import io.civitas.api.events.v1.BudgetStateChanged;
import io.civitas.api.events.v1.EventEnvelope;
import io.civitas.api.events.v1.EventType;
import io.civitas.api.events.v1.TenantChanged;

/** Envelopes of the events other services publish and the gateway follows. */
public final class Events {

    private Events() {
    }

    public static EventEnvelope tenantChanged(String tenantId, TenantChanged.Change change, String keyId) {
        return envelope(tenantId, EventType.EVENT_TYPE_TENANT_CHANGED, "tenant-service")
                .setTenantChanged(TenantChanged.newBuilder().setTenantId(tenantId).setChange(change).setKeyId(keyId))
                .build();
    }

    /** A budget state for the current month (UTC). */
    public static EventEnvelope budgetState(String tenantId, BudgetStateChanged.State state, long sequence) {
        return envelope(tenantId, EventType.EVENT_TYPE_BUDGET_STATE_CHANGED, "billing-service")
                .setBudgetStateChanged(BudgetStateChanged.newBuilder().setTenantId(tenantId).setMonth(YearMonth.now(ZoneOffset.UTC).toString())
                        .setState(state).setThresholdPercent(state == BudgetStateChanged.State.OK ? 0 : 80)
                        .setSequence(sequence))
                .build();
    }

    private static EventEnvelope.Builder envelope(String tenantId, EventType type, String producer) {
        return EventEnvelope.newBuilder().setEventId(UUID.randomUUID().toString()).setType(type)
                .setSchemaVersion(1).setTenantId(tenantId).setProducer(producer);
    }
}
