package io.civitas.testsupport;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.restassured.response.ValidatableResponse;

/**
 * What every OIDC-protected REST API answers while Keycloak cannot be reached: 503 problem+json with
 * {@code Retry-After} to a token, 401 with a Bearer challenge without one. A service's test extends it, runs under
 * {@link KeycloakUnreachableProfile} and names one protected path and a token valid in normal times.
 */
public abstract class KeycloakUnreachableContract {

    /** A GET path that requires a token. */
    protected abstract String protectedPath();

    /** A token the service accepts while Keycloak is reachable. */
    protected abstract String validToken();

    @Test
    void shouldAnswer503WithRetryAfterToATokenWhileKeycloakIsUnreachable() {
        // When
        ValidatableResponse response = given().auth().oauth2(validToken()).get(protectedPath()).then();

        // Then
        response.statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", "10")
                .body("type", equalTo("urn:civitas:problem:identity-provider-unavailable"))
                .body("title", equalTo("Service Unavailable"))
                .body("status", equalTo(503));
    }

    @Test
    void shouldAnswer401WithoutTokenWhileKeycloakIsUnreachable() {
        // When
        ValidatableResponse response = given().get(protectedPath()).then();

        // Then
        response.statusCode(401)
                .header("WWW-Authenticate", "Bearer")
                .contentType("application/problem+json")
                .body("type", equalTo("urn:civitas:problem:unauthenticated"));
    }
}
