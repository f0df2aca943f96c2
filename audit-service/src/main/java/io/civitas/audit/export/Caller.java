package io.civitas.audit.export;

import java.util.Set;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * Who calls the audit API: OIDC subject, name, realm roles and, for a tenant-admin, the tenant the token binds to
 * (claim {@value #TENANT_CLAIM}; null when absent).
 */
public record Caller(String subject, String name, Set<String> roles, String boundTenant) {

    /** Realm role that may do everything. */
    public static final String PLATFORM_ADMIN = "platform-admin";
    /** Realm role that reads the audit log of every tenant. */
    public static final String AUDITOR = "auditor";
    /** Realm role bound to one tenant. */
    public static final String TENANT_ADMIN = "tenant-admin";
    /** Access-token claim naming a tenant-admin's tenant. */
    public static final String TENANT_CLAIM = "civitas_tenant";

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
            Object claim = token.getClaim(TENANT_CLAIM);
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
        if (roles.contains(PLATFORM_ADMIN) || roles.contains(AUDITOR)) {
            return requested;
        }
        if (!roles.contains(TENANT_ADMIN) || boundTenant == null) {
            throw new TenantAccessDeniedException("The token is bound to no tenant");
        }
        if (requested != null && !requested.equals(boundTenant)) {
            throw new TenantAccessDeniedException("A tenant-admin may export only their own tenant's audit log");
        }
        return boundTenant;
    }
}
