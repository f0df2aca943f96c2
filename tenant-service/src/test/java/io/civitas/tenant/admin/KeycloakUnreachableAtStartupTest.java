package io.civitas.tenant.admin;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import io.civitas.tenant.support.AdminApi;
import io.civitas.tenant.support.Tokens;
import io.civitas.testsupport.KafkaResource;
import io.civitas.testsupport.KeycloakUnreachableContract;
import io.civitas.testsupport.KeycloakUnreachableProfile;
import io.civitas.testsupport.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;

/**
 * Keycloak is unreachable from startup on (its URL points at a closed port), so the OIDC tenant is never
 * initialised: the admin API fails closed with 503 problem+json and {@code Retry-After} for any token, forged ones
 * included, and still answers 401 to a request without a token ({@link KeycloakUnreachableContract}); a refused
 * change writes nothing, and the token stays out of the log.
 */
@QuarkusTest
@TestProfile(KeycloakUnreachableProfile.class)
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(KafkaResource.class)
class KeycloakUnreachableAtStartupTest extends KeycloakUnreachableContract {

    private static final String TENANTS = "/admin/v1/tenants";
    private static final Path LOG_FILE = Path.of("target/tenant-service-test.log");

    @Inject
    DataSource dataSource;

    @Override
    protected String protectedPath() {
        return TENANTS;
    }

    @Override
    protected String validToken() {
        return Tokens.platformAdmin();
    }

    @Test
    void shouldRefuseAChangeWith503AndAuditNothingWhileKeycloakIsUnreachable() throws SQLException {
        // Given
        String token = Tokens.platformAdmin();
        long outboxBefore = outboxRows();

        // When
        ValidatableResponse response = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("name", AdminApi.uniqueName("outage"), "allowedModels", List.of("civitas-tiny"),
                        "allowedRegions", List.of("local")))
                .post(TENANTS).then();

        // Then
        response.statusCode(503).contentType("application/problem+json")
                .body("type", equalTo("urn:civitas:problem:identity-provider-unavailable"));
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .untilAsserted(() -> assertThat(outboxRows()).as("no tenant event, no audit event")
                        .isEqualTo(outboxBefore));
    }

    @Test
    void shouldNotLetAForgedTokenPassWhileKeycloakIsUnreachable() {
        // Given
        String forged = Tokens.forgedPlatformAdmin("1");

        // When
        ValidatableResponse response = given().auth().oauth2(forged).get(TENANTS).then();

        // Then
        response.statusCode(503).contentType("application/problem+json");
    }

    @Test
    void shouldKeepTheTokenOutOfTheLogWhileKeycloakIsUnreachable() throws IOException {
        // Given
        String token = Tokens.platformAdmin();

        // When
        given().auth().oauth2(token).get(TENANTS).then().statusCode(503);

        // Then
        String signature = token.substring(token.lastIndexOf('.') + 1);
        assertThat(Files.readString(LOG_FILE, StandardCharsets.UTF_8))
                .contains("identity provider could not be reached")
                .doesNotContain(signature);
    }

    private long outboxRows() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("select count(*) from outbox");
                ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
