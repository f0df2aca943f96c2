package io.civitas.tenant.admin;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.civitas.support.security.Actor;
import io.civitas.support.security.Roles;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;

/**
 * Who may do what in the admin API; the one place the role matrix is decided. Fails closed: anything not allowed
 * below is forbidden.
 * <ul>
 * <li>platform-admin: everything;</li>
 * <li>auditor: every read;</li>
 * <li>tenant-admin with claim {@code civitas_tenant} = T: reads of tenant T (tenant, quotas, entitlements, keys),
 * and T's keys (create, rotate, revoke) and licence acceptances. Without the claim: nothing.</li>
 * </ul>
 */
@RequestScoped
public class AccessPolicy {

    private final SecurityIdentity identity;

    public AccessPolicy(SecurityIdentity identity) {
        this.identity = identity;
    }

    /** Platform-wide changes: creating tenants, changing tenants, quotas and entitlements. */
    public void requirePlatformAdmin() {
        require(isPlatformAdmin());
    }

    /** Reading one tenant or anything of it. */
    public void requireRead(UUID tenantId) {
        require(isPlatformAdmin() || identity.hasRole(Roles.AUDITOR) || isTenantAdminOf(tenantId));
    }

    /** Issuing, rotating and revoking the tenant's keys; accepting its licence terms. */
    public void requireTenantManagement(UUID tenantId) {
        require(isPlatformAdmin() || isTenantAdminOf(tenantId));
    }

    /** Listing all tenants; a tenant-admin instead sees only {@link #boundTenant()}. */
    public boolean mayListAllTenants() {
        return isPlatformAdmin() || identity.hasRole(Roles.AUDITOR);
    }

    /** The tenant a tenant-admin token is bound to, if any. */
    public Optional<UUID> boundTenant() {
        if (!identity.hasRole(Roles.TENANT_ADMIN)
                || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Optional.empty();
        }
        Object claim = token.getClaim(Roles.TENANT_CLAIM);
        if (claim == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(claim.toString().replace("\"", "")));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Fails unless the caller holds at least one Civitas role. */
    public void requireAnyRole() {
        require(mayListAllTenants() || boundTenant().isPresent());
    }

    /** The caller as audit events name it. */
    public Actor actor() {
        return Actor.of(identity);
    }

    private boolean isPlatformAdmin() {
        return identity.hasRole(Roles.PLATFORM_ADMIN);
    }

    private boolean isTenantAdminOf(UUID tenantId) {
        return boundTenant().filter(bound -> bound.equals(tenantId)).isPresent();
    }

    private static void require(boolean allowed) {
        if (!allowed) {
            throw new ForbiddenException();
        }
    }
}
