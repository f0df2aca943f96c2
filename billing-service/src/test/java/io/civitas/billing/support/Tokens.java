package io.civitas.billing.support;

import java.util.Set;

import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.smallrye.jwt.build.Jwt;

/** Bearer tokens signed by the WireMock OIDC server's key. */
public final class Tokens {

    private static final String ISSUER = "https://server.example.com";

    private Tokens() {
    }

    public static String platformAdmin() {
        return OidcWiremockTestResource.getAccessToken("admin", Set.of("platform-admin"));
    }

    public static String auditor() {
        return OidcWiremockTestResource.getAccessToken("auditor", Set.of("auditor"));
    }

    public static String plainUser() {
        return OidcWiremockTestResource.getAccessToken("user", Set.of("user"));
    }

    /** A tenant administrator bound to {@code tenantId} by the civitas_tenant claim. */
    public static String tenantAdmin(String tenantId) {
        return Jwt.preferredUserName("tenant-admin").groups(Set.of("tenant-admin")).claim("civitas_tenant", tenantId)
                .issuer(ISSUER).audience(ISSUER).subject("tenant-admin-" + tenantId).jws().keyId("1")
                .sign("privateKey.jwk");
    }

    /** A token of {@code subject} (user name {@code name}) holding the one realm role {@code role}. */
    public static String withRole(String subject, String name, String role) {
        return Jwt.preferredUserName(name).groups(Set.of(role)).issuer(ISSUER).audience(ISSUER).subject(subject).jws()
                .keyId("1").sign("privateKey.jwk");
    }

    /** A tenant administrator whose token names no tenant. */
    public static String tenantAdminWithoutTenant() {
        return OidcWiremockTestResource.getAccessToken("tenant-admin", Set.of("tenant-admin"));
    }
}
