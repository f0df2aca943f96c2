package io.civitas.billing.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.civitas.billing.support.Tokens;
import io.civitas.testsupport.KafkaResource;
import io.civitas.testsupport.KeycloakUnreachableContract;
import io.civitas.testsupport.KeycloakUnreachableProfile;
import io.civitas.testsupport.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;

/** Keycloak is unreachable from startup on: the billing API fails closed with 503, and 401 without a token. */
@QuarkusTest
@TestProfile(KeycloakUnreachableProfile.class)
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class KeycloakUnreachableTest extends KeycloakUnreachableContract {

    @Override
    protected String protectedPath() {
        return "/billing/v1/price-books";
    }

    @Override
    protected String validToken() {
        return Tokens.platformAdmin();
    }

    @Test
    void shouldAnswer503ToAnAuditedAdminActionWhileKeycloakIsUnreachable() {
        // When
        var response = given().auth().oauth2(validToken()).contentType(ContentType.JSON)
                .body(Map.of("id", "unreachable", "currency", "EUR")).post(protectedPath()).then();

        // Then
        response.statusCode(503)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:civitas:problem:identity-provider-unavailable"));
    }
}
