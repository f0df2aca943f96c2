package io.civitas.billing.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.json.JsonString;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.civitas.support.security.Roles;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * Decides whether the caller may read a tenant's billing data: platform administrators and auditors may read every
 * tenant, a tenant administrator only the tenant in its token's {@value Roles#TENANT_CLAIM} claim (none: nothing).
 */
@RequestScoped
public class TenantAccess {

    private final SecurityIdentity identity;
    private final JsonWebToken token;

    public TenantAccess(SecurityIdentity identity, JsonWebToken token) {
        this.identity = identity;
        this.token = token;
    }

    /** @throws ForbiddenException unless the caller may read {@code tenantId} */
    public void requireRead(String tenantId) {
        if (identity.hasRole(Roles.PLATFORM_ADMIN) || identity.hasRole(Roles.AUDITOR)) {
            return;
        }
        if (identity.hasRole(Roles.TENANT_ADMIN) && tenantId.equals(boundTenant())) {
            return;
        }
        throw new ForbiddenException();
    }

    private String boundTenant() {
        Object claim = token.getClaim(Roles.TENANT_CLAIM);
        if (claim instanceof JsonString json) {
            return json.getString();
        }
        return claim instanceof String text ? text : null;
    }
}
