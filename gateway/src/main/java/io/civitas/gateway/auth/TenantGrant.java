package io.civitas.gateway.auth;

import java.util.Objects;
import java.util.Set;

import io.civitas.api.tenant.v1.ResolveKeyResponse;

/** What a resolved API key may do: the tenant, the key's public id, and its models and regions. */
public record TenantGrant(String tenantId, String keyId, Set<String> allowedModels, Set<String> allowedRegions) {

    public TenantGrant {
        if (tenantId == null || tenantId.isBlank()) {
            throw new IllegalArgumentException("tenantId is required");
        }
        Objects.requireNonNull(keyId, "keyId");
        allowedModels = Set.copyOf(allowedModels);
        allowedRegions = Set.copyOf(allowedRegions);
    }

    /** Reads tenant-service's answer. */
    public static TenantGrant from(ResolveKeyResponse response) {
        return new TenantGrant(response.getTenantId(), response.getKeyId(), Set.copyOf(response.getAllowedModelsList()),
                Set.copyOf(response.getAllowedRegionsList()));
    }

    public boolean mayUseModel(String model) {
        return allowedModels.contains(model);
    }

    public boolean mayProcessIn(String region) {
        return allowedRegions.contains(region);
    }
}
