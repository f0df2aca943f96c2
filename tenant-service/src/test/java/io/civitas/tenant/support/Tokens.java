package io.civitas.tenant.support;

import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/**
 * Bearer tokens signed by the WireMock OIDC server's key.
 */
public final class Tokens {

    private static final String ISSUER = "https://server.example.com";

    private Tokens() {
    }

    /** A token with the role in the "groups" claim. */
    public static String withGroups(String... roles) {
        return OidcWiremockTestResource.getAccessToken("admin", Set.of(roles));
    }

    /** A token shaped like Keycloak's: roles only in realm_access.roles, no "groups" claim. */
    public static String withKeycloakRealmRoles(String... roles) {
        return sign(Jwt.preferredUserName("kc-admin").claim("realm_access", Map.of("roles", List.of(roles))));
    }

    public static String platformAdmin() {
        return withGroups("platform-admin");
    }

    public static String auditor() {
        return withGroups("auditor");
    }

    /** A tenant-admin bound to the tenant by the civitas_tenant claim, as Keycloak's mapper puts it. */
    public static String tenantAdmin(String tenantId) {
        return sign(Jwt.preferredUserName("ministry-admin").groups(Set.of("tenant-admin"))
                .claim("civitas_tenant", tenantId));
    }

    /** A tenant-admin whose token lacks the civitas_tenant claim: bound to nothing, allowed nothing. */
    public static String tenantAdminWithoutTenant() {
        return sign(Jwt.preferredUserName("unbound-admin").groups(Set.of("tenant-admin")));
    }

    public static String plainUser() {
        return withGroups("user");
    }

    /**
     * A platform-admin token shaped like the identity provider's, but signed with a fresh key it never issued,
     * under the key id given (its own key's id "1", or one it does not publish).
     */
    public static String forgedPlatformAdmin(String keyId) {
        return Jwt.preferredUserName("forger").groups(Set.of("platform-admin")).issuer(ISSUER).audience(ISSUER)
                .subject(UUID.randomUUID().toString()).jws().keyId(keyId).sign(freshKey());
    }

    private static PrivateKey freshKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair().getPrivate();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sign(JwtClaimsBuilder claims) {
        return claims.issuer(ISSUER).audience(ISSUER).subject(UUID.randomUUID().toString()).jws().keyId("1")
                .sign("privateKey.jwk");
    }
}
