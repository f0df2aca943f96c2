package io.civitas.tenant.domain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A tenant as the rest of the service sees it.
 */
public record Tenant(UUID id, String name, List<String> allowedModels, List<String> allowedRegions,
        TenantStatus status, Instant createdAt) {

    public Tenant {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        allowedModels = List.copyOf(allowedModels);
        allowedRegions = List.copyOf(allowedRegions);
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
