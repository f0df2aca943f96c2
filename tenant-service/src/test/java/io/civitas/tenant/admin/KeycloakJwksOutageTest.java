package io.civitas.tenant.admin;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;

import io.civitas.tenant.support.Tokens;
import io.civitas.testsupport.KafkaResource;
import io.civitas.testsupport.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWireMock;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.response.ValidatableResponse;

/**
 * Keycloak was reachable at startup, then its JWKS endpoint goes away: a token signed under a key id the service
 * does not know cannot be verified, so the admin API answers 503; once the endpoint is back such a token is 401. A
 * token under the known key id but with a forged signature is 401 throughout (no JWKS refresh is needed to refuse
 * it). The JWKS may be refreshed on every unknown key id in this profile, so every test sees a refresh.
 */
@QuarkusTest
@TestProfile(KeycloakJwksOutageTest.JwksRefreshedOnEveryUnknownKey.class)
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(KafkaResource.class)
class KeycloakJwksOutageTest {

    private static final String TENANTS = "/admin/v1/tenants";
    private static final String JWKS_PATH = "/auth/realms/quarkus/protocol/openid-connect/certs";

    /** No minimum interval between forced JWKS refreshes (default 10 minutes). */
    public static class JwksRefreshedOnEveryUnknownKey implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.oidc.token.forced-jwk-refresh-interval", "0S");
        }
    }

    @OidcWireMock
    WireMockServer keycloak;

    private StubMapping outage;

    @AfterEach
    void endOutage() {
        if (outage != null) {
            keycloak.removeStub(outage);
            outage = null;
        }
    }

    @Test
    void shouldAnswer503ToAnUnknownKeyIdWhileTheJwksEndpointRefusesConnections() {
        // Given
        jwksFails(Fault.CONNECTION_RESET_BY_PEER);
        String token = Tokens.forgedPlatformAdmin("rotated-key");

        // When
        ValidatableResponse response = given().auth().oauth2(token).get(TENANTS).then();

        // Then
        response.statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", "10")
                .body("type", equalTo("urn:civitas:problem:identity-provider-unavailable"));
    }

    @Test
    void shouldAnswer503ToAnUnknownKeyIdWhileAProxyAnswers503ForTheJwksEndpoint() {
        // Given
        outage = keycloak.stubFor(get(urlPathEqualTo(JWKS_PATH)).atPriority(1)
                .willReturn(aResponse().withStatus(503).withHeader("Content-Type", "text/html")
                        .withBody("<html><body>503 Service Unavailable</body></html>")));
        String token = Tokens.forgedPlatformAdmin("rotated-key");

        // When
        ValidatableResponse response = given().auth().oauth2(token).get(TENANTS).then();

        // Then
        response.statusCode(503).header("Retry-After", "10");
    }

    @Test
    void shouldAnswer401ToAnUnknownKeyIdWhileKeycloakIsReachable() {
        // Given
        String token = Tokens.forgedPlatformAdmin("rotated-key");

        // When
        ValidatableResponse response = given().auth().oauth2(token).get(TENANTS).then();

        // Then
        response.statusCode(401)
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("type", equalTo("urn:civitas:problem:unauthenticated"));
    }

    @Test
    void shouldAnswer401ToAForgedSignatureUnderTheKnownKeyIdDuringTheOutage() {
        // Given
        jwksFails(Fault.CONNECTION_RESET_BY_PEER);
        String token = Tokens.forgedPlatformAdmin("1");

        // When
        ValidatableResponse response = given().auth().oauth2(token).get(TENANTS).then();

        // Then
        response.statusCode(401).body("type", equalTo("urn:civitas:problem:unauthenticated"));
    }

    @Test
    void shouldStillAcceptAValidTokenDuringTheOutage() {
        // Given
        jwksFails(Fault.CONNECTION_RESET_BY_PEER);
        String token = Tokens.platformAdmin();

        // When
        ValidatableResponse response = given().auth().oauth2(token).get(TENANTS).then();

        // Then
        response.statusCode(200);
    }

    private void jwksFails(Fault fault) {
        outage = keycloak.stubFor(get(urlPathEqualTo(JWKS_PATH)).atPriority(1)
                .willReturn(aResponse().withFault(fault)));
    }
}
