package io.civitas.tenant.admin;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.civitas.tenant.support.Tokens;
import io.civitas.testsupport.KafkaResource;
import io.civitas.testsupport.PostgresResource;
import io.civitas.testsupport.process.FreePorts;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/**
 * Keycloak cannot be reached when the service starts (a rollout that restarts both, Keycloak slower to come up),
 * then comes up: the admin API answers 503 until then and accepts tokens afterwards, without a restart. The
 * service's Keycloak URL points at a port where nothing listens at first; the test then opens that port as a proxy
 * to the WireMock OIDC server.
 */
@QuarkusTest
@TestProfile(KeycloakLateAtStartupTest.KeycloakBehindLatePort.class)
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(KafkaResource.class)
class KeycloakLateAtStartupTest {

    private static final String TENANTS = "/admin/v1/tenants";
    private static final int LATE_PORT = FreePorts.pick();

    /** Keycloak's URL on a loopback port nothing listens on until the test opens it. */
    public static class KeycloakBehindLatePort implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.oidc.auth-server-url", "http://127.0.0.1:" + LATE_PORT + "/auth/realms/quarkus");
        }
    }

    private WireMockServer keycloak;

    @AfterEach
    void stopKeycloak() {
        if (keycloak != null) {
            keycloak.stop();
        }
    }

    @Test
    void shouldAcceptTokensOnceKeycloakComesUpAfterTheService() {
        // Given: Keycloak unreachable, the admin API fails closed
        String token = Tokens.platformAdmin();
        given().auth().oauth2(token).get(TENANTS).then().statusCode(503);

        // When Keycloak comes up on its configured address
        keycloak = new WireMockServer(options().bindAddress("127.0.0.1").port(LATE_PORT));
        keycloak.stubFor(any(anyUrl()).willReturn(aResponse().proxiedFrom(
                ConfigProvider.getConfig().getValue("keycloak.url", String.class).replaceFirst("/auth$", ""))));
        keycloak.start();

        // Then: without a restart, the same token is accepted and a token without the role is still refused
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(
                () -> given().auth().oauth2(token).get(TENANTS).then().statusCode(200));
        given().auth().oauth2(Tokens.withGroups("nobody")).get(TENANTS).then().statusCode(403);
        given().get(TENANTS).then().statusCode(401);
    }
}
