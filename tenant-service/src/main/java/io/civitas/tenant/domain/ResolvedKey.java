package io.civitas.tenant.domain;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of resolving a valid API key: the key, its tenant and the entitlements in force.
 */
public record ResolvedKey(Tenant tenant, ApiKey key, List<Entitlement> entitlementsInForce) {

    public ResolvedKey {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(key, "key");
        entitlementsInForce = List.copyOf(entitlementsInForce);
    }
}
