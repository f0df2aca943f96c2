package io.civitas.audit.support;

import java.util.Set;

import io.civitas.support.security.Roles;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/** Bearer tokens signed with the WireMock OIDC server's key, with roles in "groups" and an optional tenant claim. */
public final class Tokens {

    private static final String ISSUER = "https://server.example.com";

    private Tokens() {
    }

    public static String auditor() {
        return token("auditor-1", null, Roles.AUDITOR);
    }

    public static String tenantAdmin(String tenant) {
        return token("tenant-admin-" + tenant, tenant, Roles.TENANT_ADMIN);
    }

    /** A tenant-admin token that names no tenant. */
    public static String unboundTenantAdmin() {
        return token("tenant-admin-unbound", null, Roles.TENANT_ADMIN);
    }

    public static String withRole(String role) {
        return token("user-" + role, null, role);
    }

    private static String token(String user, String tenant, String... roles) {
        JwtClaimsBuilder claims = Jwt.preferredUserName(user)
                .groups(Set.of(roles))
                .issuer(ISSUER)
                .audience(ISSUER)
                .subject("sub-" + user);
        if (tenant != null) {
            claims.claim(Roles.TENANT_CLAIM, tenant);
        }
        return claims.jws().keyId("1").sign("privateKey.jwk");
    }
}
