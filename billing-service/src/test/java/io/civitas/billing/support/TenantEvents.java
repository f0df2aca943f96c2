package io.civitas.billing.support;

import java.time.Instant;
import java.util.UUID;

import com.google.protobuf.Timestamp;

import io.civitas.api.events.v1.EventEnvelope;
import io.civitas.api.events.v1.EventType;
import io.civitas.api.events.v1.Quotas;
import io.civitas.api.events.v1.TenantChanged;
import io.civitas.api.events.v1.TenantSnapshot;

/** TenantChanged events as tenant-service publishes them. */
public final class TenantEvents {

    private TenantEvents() {
    }

    public static EventEnvelope changed(String tenantId, long version, String name, String costCentre,
            String priceBook, long tokenBudget, String costBudget) {
        Instant now = Instant.now();
        return EventEnvelope.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setType(EventType.EVENT_TYPE_TENANT_CHANGED)
                .setOccurredAt(Timestamp.newBuilder().setSeconds(now.getEpochSecond()))
                .setSchemaVersion(1)
                .setTenantId(tenantId)
                .setProducer("tenant-service")
                .setTenantChanged(TenantChanged.newBuilder()
                        .setTenantId(tenantId)
                        .setChange(version == 1 ? TenantChanged.Change.TENANT_CREATED
                                : TenantChanged.Change.QUOTA_CHANGED)
                        .setTenantVersion(version)
                        .setTenant(TenantSnapshot.newBuilder()
                                .setTenantId(tenantId)
                                .setName(name)
                                .setStatus("active")
                                .setCostCentre(costCentre)
                                .setPriceBook(priceBook)
                                .setQuotas(Quotas.newBuilder().setMonthlyTokenBudget(tokenBudget)
                                        .setMonthlyCostBudget(costBudget))))
                .build();
    }
}
