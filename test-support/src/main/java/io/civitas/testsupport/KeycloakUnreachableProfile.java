package io.civitas.testsupport;

import java.util.Map;

import io.civitas.testsupport.process.FreePorts;
import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * A test profile whose OIDC provider (Keycloak) cannot be reached from startup on:
 * {@code quarkus.oidc.auth-server-url} points at a loopback port nothing listens on, so the OIDC tenant is never
 * initialised. Use with {@code @TestProfile(KeycloakUnreachableProfile.class)}; the WireMock OIDC server of the other
 * tests may still run.
 */
public class KeycloakUnreachableProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.oidc.auth-server-url", "http://127.0.0.1:" + FreePorts.pick() + "/realms/civitas");
    }
}
