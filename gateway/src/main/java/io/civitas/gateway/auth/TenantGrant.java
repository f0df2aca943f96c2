package io.civitas.gateway.auth;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import io.civitas.api.tenant.v1.ResolveKeyResponse;
import io.civitas.gateway.limits.Quota;

/**
 * What a resolved API key may do: the tenant, the key's public id, its models and regions, its scopes (none means
 * nothing is allowed), when it expires ({@link Instant#MAX} for never), the tenant's and the key's limits, and the
 * entitlements' validity windows.
 */
public record TenantGrant(String tenantId, String keyId, Set<String> allowedModels, Set<String> allowedRegions,
        Set<Scope> scopes, Instant keyExpiresAt, Quota tenantQuota, Quota keyQuota,
        List<ModelEntitlement> entitlements) {

    public TenantGrant {
        if (tenantId == null || tenantId.isBlank()) {
            throw new IllegalArgumentException("tenantId is required");
        }
        Objects.requireNonNull(keyId, "keyId");
        allowedModels = Set.copyOf(allowedModels);
        allowedRegions = Set.copyOf(allowedRegions);
        scopes = Set.copyOf(scopes);
        Objects.requireNonNull(keyExpiresAt, "keyExpiresAt");
        Objects.requireNonNull(tenantQuota, "tenantQuota");
        Objects.requireNonNull(keyQuota, "keyQuota");
        entitlements = List.copyOf(entitlements);
    }

    /** Reads tenant-service's answer; scope names the gateway does not know are ignored. */
    public static TenantGrant from(ResolveKeyResponse response) {
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (Scope scope : Scope.values()) {
            if (response.getScopesList().contains(scope.wireName())) {
                scopes.add(scope);
            }
        }
        return new TenantGrant(response.getTenantId(), response.getKeyId(),
                Set.copyOf(response.getAllowedModelsList()), Set.copyOf(response.getAllowedRegionsList()), scopes,
                response.hasKeyExpiresAt() ? ModelEntitlement.instant(response.getKeyExpiresAt()) : Instant.MAX,
                Quota.from(response.getQuotas()), Quota.from(response.getKeyQuotas()),
                response.getEntitlementsList().stream().map(ModelEntitlement::from).toList());
    }

    /** Allowed now: listed, and, when tenant-service sent entitlements for it, one of them is in force. */
    public boolean mayUseModel(String model) {
        return mayUseModel(model, Instant.now());
    }

    public boolean mayUseModel(String model, Instant now) {
        if (!allowedModels.contains(model)) {
            return false;
        }
        List<ModelEntitlement> terms = entitlements.stream().filter(e -> e.model().equals(model)).toList();
        return terms.isEmpty() || terms.stream().anyMatch(e -> e.inForceAt(now));
    }

    public boolean mayProcessIn(String region) {
        return allowedRegions.contains(region);
    }

    public boolean hasScope(Scope scope) {
        return scopes.contains(scope);
    }

    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(keyExpiresAt);
    }
}
