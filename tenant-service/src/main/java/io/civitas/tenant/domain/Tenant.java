package io.civitas.tenant.domain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A tenant as the rest of the service sees it. {@code version} increases with every change of the tenant, its keys,
 * quotas or entitlements.
 */
public record Tenant(UUID id, String name, TenantStatus status, List<String> allowedRegions,
        String dataClassification, String costCentre, String priceBook, Quotas quotas, long version,
        Instant createdAt) {

    public Tenant {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        allowedRegions = List.copyOf(allowedRegions);
        Objects.requireNonNull(dataClassification, "dataClassification");
        Objects.requireNonNull(quotas, "quotas");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
