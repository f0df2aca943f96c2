package io.civitas.gateway.auth;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import io.civitas.gateway.limits.Quota;

/** Grants for unit tests: model "m" in region "eu", every scope, no limits. */
final class TenantGrants {

    private TenantGrants() {
    }

    static TenantGrant of(String tenantId, String keyId) {
        return expiringAt(tenantId, keyId, Instant.MAX);
    }

    static TenantGrant expiringAt(String tenantId, String keyId, Instant keyExpiresAt) {
        return new TenantGrant(tenantId, keyId, Set.of("m"), Set.of("eu"), EnumSet.allOf(Scope.class), keyExpiresAt,
                Quota.UNLIMITED, Quota.UNLIMITED, List.of());
    }
}
