package io.civitas.audit.rest;

import io.civitas.audit.support.Tokens;
import io.civitas.testsupport.KafkaResource;
import io.civitas.testsupport.KeycloakUnreachableContract;
import io.civitas.testsupport.KeycloakUnreachableProfile;
import io.civitas.testsupport.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/** Keycloak is unreachable from startup on: the audit API fails closed with 503, and 401 without a token. */
@QuarkusTest
@TestProfile(KeycloakUnreachableProfile.class)
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class KeycloakUnreachableTest extends KeycloakUnreachableContract {

    @Override
    protected String protectedPath() {
        return "/audit/v1/export?from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z";
    }

    @Override
    protected String validToken() {
        return Tokens.auditor();
    }
}
