package io.civitas.tenant.support;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.smallrye.jwt.build.Jwt;

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
        return Jwt.preferredUserName("kc-admin")
                .claim("realm_access", Map.of("roles", List.of(roles)))
                .issuer(ISSUER)
                .audience(ISSUER)
                .subject("654321")
                .jws()
                .keyId("1")
                .sign("privateKey.jwk");
    }

    public static String platformAdmin() {
        return withGroups("platform-admin");
    }

    public static String plainUser() {
        return withGroups("user");
    }
}
