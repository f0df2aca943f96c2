package io.civitas.tenant.admin;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.civitas.tenant.domain.Tenant;
import io.civitas.tenant.domain.TenantStatus;

/**
 * A tenant in admin API responses.
 */
public record TenantResponse(UUID id, String name, List<String> allowedModels, List<String> allowedRegions,
        TenantStatus status, Instant createdAt) {

    static TenantResponse of(Tenant tenant) {
        return new TenantResponse(tenant.id(), tenant.name(), tenant.allowedModels(), tenant.allowedRegions(),
                tenant.status(), tenant.createdAt());
    }
}
