package io.civitas.tenant.domain;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The outcome of resolving a valid API key: whose it is and what the tenant may use.
 */
public record ResolvedKey(UUID tenantId, String tenantName, String keyId, List<String> allowedModels,
        List<String> allowedRegions) {

    public ResolvedKey {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(tenantName, "tenantName");
        Objects.requireNonNull(keyId, "keyId");
        allowedModels = List.copyOf(allowedModels);
        allowedRegions = List.copyOf(allowedRegions);
    }
}
