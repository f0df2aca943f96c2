package io.civitas.audit.export;

import java.util.Set;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.civitas.support.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * Who calls the audit API: OIDC subject, name, realm roles and, for a tenant-admin, the tenant the token binds to
 * (claim {@value Roles#TENANT_CLAIM}; null when absent).
 */
public record Caller(String subject, String name, Set<String> roles, String boundTenant) {

    public Caller {
        roles = Set.copyOf(roles);
    }

    /** The caller behind a verified bearer token. */
    public static Caller of(SecurityIdentity identity) {
        String subject = identity.getPrincipal().getName();
        String name = subject;
        String tenant = null;
        if (identity.getPrincipal() instanceof JsonWebToken token) {
            subject = token.getSubject() == null ? subject : token.getSubject();
            name = token.getName() == null ? subject : token.getName();
            Object claim = token.getClaim(Roles.TENANT_CLAIM);
            tenant = claim == null ? null : claim.toString().replace("\"", "");
        }
        return new Caller(subject, name, identity.getRoles(), tenant == null || tenant.isBlank() ? null : tenant);
    }

    /**
     * The tenant filter this caller may use for a request naming {@code requested} (null: every tenant). Auditors
     * and platform admins get what they ask; a tenant-admin gets their own tenant, and nothing else.
     *
     * @throws TenantAccessDeniedException when the caller may not read what was asked
     */
    public String tenantFilter(String requested) {
        if (roles.contains(Roles.PLATFORM_ADMIN) || roles.contains(Roles.AUDITOR)) {
            return requested;
        }
        if (!roles.contains(Roles.TENANT_ADMIN) || boundTenant == null) {
            throw new TenantAccessDeniedException("The token is bound to no tenant");
        }
        if (requested != null && !requested.equals(boundTenant)) {
            throw new TenantAccessDeniedException("A tenant-admin may export only their own tenant's audit log");
        }
        return boundTenant;
    }
}
