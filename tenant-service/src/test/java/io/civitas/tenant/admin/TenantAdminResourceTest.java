package io.civitas.tenant.admin;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import io.civitas.tenant.config.TenantServiceConfig;
import io.civitas.tenant.support.AdminApi;
import io.civitas.tenant.support.Tokens;
import io.civitas.testsupport.KafkaResource;
import io.civitas.testsupport.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;

@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(KafkaResource.class)
class TenantAdminResourceTest {

    private static final String TENANTS = "/admin/v1/tenants";

    @Inject
    DataSource dataSource;

    @Inject
    TenantServiceConfig config;

    @Test
    void shouldCreateTenantForPlatformAdmin() {
        // Given
        String name = AdminApi.uniqueName("acme");

        // When
        ValidatableResponse response = given().auth().oauth2(Tokens.platformAdmin()).contentType(ContentType.JSON)
                .body(Map.of("name", name, "allowedModels", List.of("civitas-tiny"), "allowedRegions", List.of("local")))
                .post(TENANTS).then();

        // Then
        String id = response.statusCode(201)
                .contentType(ContentType.JSON)
                .body("name", equalTo(name))
                .body("allowedModels", equalTo(List.of("civitas-tiny")))
                .body("allowedRegions", equalTo(List.of("local")))
                .body("status", equalTo("ACTIVE"))
                .body("createdAt", notNullValue())
                .extract().path("id");
        assertThat(UUID.fromString(id)).isNotNull();
        response.header("Location", endsWith(TENANTS + "/" + id));
    }

    @Test
    void shouldGetTenantById() {
        // Given
        String name = AdminApi.uniqueName("globex");
        String id = AdminApi.createTenant(name, List.of("m1", "m2"), List.of("eu"));

        // When
        ValidatableResponse response = given().auth().oauth2(Tokens.platformAdmin()).get(TENANTS + "/{id}", id).then();

        // Then
        response.statusCode(200)
                .body("id", equalTo(id))
                .body("name", equalTo(name))
                .body("allowedModels", equalTo(List.of("m1", "m2")))
                .body("allowedRegions", equalTo(List.of("eu")))
                .body("status", equalTo("ACTIVE"));
    }

    @Test
    void shouldListTenants() {
        // Given
        String first = AdminApi.uniqueName("first");
        String second = AdminApi.uniqueName("second");
        AdminApi.createTenant(first, List.of(), List.of());
        AdminApi.createTenant(second, List.of(), List.of());

        // When
        ValidatableResponse response = given().auth().oauth2(Tokens.platformAdmin()).get(TENANTS).then();

        // Then
        response.statusCode(200).body("name", hasItems(first, second));
    }

    @Test
    void shouldAcceptKeycloakRealmRoles() {
        // Given
        String token = Tokens.withKeycloakRealmRoles("platform-admin");

        // When
        ValidatableResponse response = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("name", AdminApi.uniqueName("realm-role"))).post(TENANTS).then();

        // Then
        response.statusCode(201).body("allowedModels", equalTo(List.of()));
    }

    @Test
    void shouldAnswer401ToCreateTenantWithoutToken() {
        // When
        ValidatableResponse response = given().contentType(ContentType.JSON)
                .body(Map.of("name", AdminApi.uniqueName("anon"))).post(TENANTS).then();

        // Then
        response.statusCode(401)
                .header("WWW-Authenticate", startsWith("Bearer"))
                .contentType("application/problem+json")
                .body("type", equalTo("urn:civitas:problem:unauthenticated"))
                .body("status", equalTo(401));
    }

    @Test
    void shouldAnswer401ToInvalidToken() {
        // When
        ValidatableResponse response = given().auth().oauth2("not-a-jwt").get(TENANTS).then();

        // Then
        response.statusCode(401).header("WWW-Authenticate", startsWith("Bearer"));
    }

    @Test
    void shouldAnswer403ToCreateTenantWithoutPlatformAdminRole() {
        // When
        ValidatableResponse response = given().auth().oauth2(Tokens.plainUser()).contentType(ContentType.JSON)
                .body(Map.of("name", AdminApi.uniqueName("user"))).post(TENANTS).then();

        // Then
        response.statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:civitas:problem:forbidden"))
                .body("status", equalTo(403));
    }

    @Test
    void shouldAnswer403ToKeycloakTokenWithOtherRealmRoles() {
        // When
        ValidatableResponse response = given().auth().oauth2(Tokens.withKeycloakRealmRoles("user"))
                .get(TENANTS).then();

        // Then
        response.statusCode(403);
    }

    @Test
    void shouldAnswer401ToCreateKeyWithoutToken() {
        // Given
        String tenantId = AdminApi.createTenant();

        // When
        ValidatableResponse response = given().contentType(ContentType.JSON).body(Map.of("name", "ci"))
                .post(TENANTS + "/{id}/keys", tenantId).then();

        // Then
        response.statusCode(401);
    }

    @Test
    void shouldAnswer403ToCreateKeyWithoutPlatformAdminRole() {
        // Given
        String tenantId = AdminApi.createTenant();

        // When
        ValidatableResponse response = given().auth().oauth2(Tokens.plainUser()).contentType(ContentType.JSON)
                .body(Map.of("name", "ci")).post(TENANTS + "/{id}/keys", tenantId).then();

        // Then
        response.statusCode(403);
    }

    @Test
    void shouldAnswer400ProblemForBlankName() {
        // When
        ValidatableResponse response = given().auth().oauth2(Tokens.platformAdmin()).contentType(ContentType.JSON)
                .body(Map.of("name", "  ", "allowedModels", List.of("civitas-tiny"))).post(TENANTS).then();

        // Then
        response.statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:civitas:problem:validation-failed"))
                .body("title", equalTo("Bad Request"))
                .body("status", equalTo(400))
                .body("detail", containsString("name"));
    }

    @Test
    void shouldAnswer400ProblemForMalformedJson() {
        // When
        ValidatableResponse response = given().auth().oauth2(Tokens.platformAdmin()).contentType(ContentType.JSON)
                .body("{\"name\": ").post(TENANTS).then();

        // Then
        response.statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:civitas:problem:malformed-request"))
                .body("status", equalTo(400));
    }

    @Test
    void shouldAnswer400ProblemForUnknownStatus() {
        // Given
        String tenantId = AdminApi.createTenant();

        // When
        ValidatableResponse response = given().auth().oauth2(Tokens.platformAdmin()).contentType(ContentType.JSON)
                .body(Map.of("status", "DELETED")).put(TENANTS + "/{id}/status", tenantId).then();

        // Then
        response.statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:civitas:problem:malformed-request"))
                .body("status", equalTo(400));
    }

    @Test
    void shouldAnswer404ProblemForUnknownTenant() {
        // When
        ValidatableResponse response = given().auth().oauth2(Tokens.platformAdmin())
                .get(TENANTS + "/{id}", UUID.randomUUID()).then();

        // Then
        response.statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:civitas:problem:tenant-not-found"))
                .body("title", equalTo("Not Found"))
                .body("status", equalTo(404))
                .body("detail", notNullValue())
                .body(not(containsString("Exception")));
    }

    @Test
    void shouldAnswer404ProblemForMalformedTenantId() {
        // When
        ValidatableResponse response = given().auth().oauth2(Tokens.platformAdmin())
                .get(TENANTS + "/{id}", "not-a-uuid").then();

        // Then
        response.statusCode(404).contentType("application/problem+json").body("status", equalTo(404));
    }

    @Test
    void shouldAnswer404ProblemForKeyOfUnknownTenant() {
        // When
        ValidatableResponse response = given().auth().oauth2(Tokens.platformAdmin()).contentType(ContentType.JSON)
                .body(Map.of("name", "ci")).post(TENANTS + "/{id}/keys", UUID.randomUUID()).then();

        // Then
        response.statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("urn:civitas:problem:tenant-not-found"));
    }

    @Test
    void shouldAnswer409ProblemForDuplicateName() {
        // Given
        String name = AdminApi.uniqueName("dup");
        AdminApi.createTenant(name, List.of(), List.of());

        // When
        ValidatableResponse response = given().auth().oauth2(Tokens.platformAdmin()).contentType(ContentType.JSON)
                .body(Map.of("name", name)).post(TENANTS).then();

        // Then
        response.statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:civitas:problem:tenant-name-taken"))
                .body("title", equalTo("Conflict"))
                .body("status", equalTo(409));
    }

    @Test
    void shouldIssueKeyInDocumentedFormat() {
        // Given
        String tenantId = AdminApi.createTenant();

        // When
        ValidatableResponse response = given().auth().oauth2(Tokens.platformAdmin()).contentType(ContentType.JSON)
                .body(Map.of("name", "ci")).post(TENANTS + "/{id}/keys", tenantId).then();

        // Then
        Map<String, String> body = response.statusCode(201)
                .body("name", equalTo("ci"))
                .body("id", matchesPattern("[a-z2-7]{16}"))
                .body("key", matchesPattern("cvk_[a-z2-7]{16}_[a-z2-7]{59}"))
                .body("createdAt", notNullValue())
                .extract().jsonPath().getMap("");
        assertThat(body.get("prefix")).isEqualTo("cvk_" + body.get("id"));
        assertThat(body.get("key")).startsWith(body.get("prefix") + "_");
    }

    @Test
    void shouldStoreOnlyTheHmacOfTheKey() throws Exception {
        // Given
        String tenantId = AdminApi.createTenant();

        // When
        Map<String, String> issued = AdminApi.createKey(tenantId, "stored");

        // Then
        String key = issued.get("key");
        String secret = key.substring(key.lastIndexOf('_') + 1);
        StoredKey stored = loadStoredKey(issued.get("id"));
        assertThat(stored.rowText()).doesNotContain(secret).doesNotContain(key);
        assertThat(stored.keyHash()).isEqualTo(hmacSha256(config.keys().pepper(), key));
        assertThat(stored.tenantId()).isEqualTo(tenantId);
    }

    @Test
    void shouldAnswer404ProblemForRevokingUnknownKey() {
        // Given
        String tenantId = AdminApi.createTenant();

        // When
        ValidatableResponse response = given().auth().oauth2(Tokens.platformAdmin())
                .delete(TENANTS + "/{id}/keys/{keyId}", tenantId, "aaaaaaaaaaaaaaaa").then();

        // Then
        response.statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("urn:civitas:problem:api-key-not-found"));
    }

    @Test
    void shouldAnswer404ProblemForRevokingKeyOfAnotherTenant() {
        // Given
        String owner = AdminApi.createTenant();
        String other = AdminApi.createTenant();
        String keyId = AdminApi.createKey(owner, "ci").get("id");

        // When
        ValidatableResponse response = given().auth().oauth2(Tokens.platformAdmin())
                .delete(TENANTS + "/{id}/keys/{keyId}", other, keyId).then();

        // Then
        response.statusCode(404).contentType("application/problem+json");
    }

    @Test
    void shouldAnswer204ToRevokingKeyTwice() {
        // Given
        String tenantId = AdminApi.createTenant();
        String keyId = AdminApi.createKey(tenantId, "ci").get("id");
        AdminApi.revokeKey(tenantId, keyId);

        // When
        ValidatableResponse response = given().auth().oauth2(Tokens.platformAdmin())
                .delete(TENANTS + "/{id}/keys/{keyId}", tenantId, keyId).then();

        // Then
        response.statusCode(204);
    }

    @Test
    void shouldServeOpenApiDocumentOfAdminApi() {
        // When
        ValidatableResponse response = given().queryParam("format", "json").get("/q/openapi").then();

        // Then
        response.statusCode(200)
                .body("paths", hasKey("/admin/v1/tenants/{id}/keys/{keyId}/rotate"))
                .body("paths", hasKey("/admin/v1/tenants/{id}/entitlements/{model}"));
    }

    @Test
    void shouldUpdateTenantAttributesAndIncreaseVersion() {
        // Given
        String tenantId = AdminApi.createTenant();

        // When
        ValidatableResponse response = given().auth().oauth2(Tokens.platformAdmin()).contentType(ContentType.JSON)
                .body(Map.of("dataClassification", "secret", "costCentre", "CC-9", "priceBook", "gov-eu",
                        "allowedRegions", List.of("de-fra", "de-ber")))
                .patch(TENANTS + "/{id}", tenantId).then();

        // Then
        response.statusCode(200)
                .body("dataClassification", equalTo("secret"))
                .body("costCentre", equalTo("CC-9"))
                .body("priceBook", equalTo("gov-eu"))
                .body("allowedRegions", equalTo(List.of("de-fra", "de-ber")))
                .body("allowedModels", equalTo(List.of("civitas-tiny")))
                .body("version", equalTo(2));
    }

    @Test
    void shouldSetQuotasAndReadThemBack() {
        // Given
        String tenantId = AdminApi.createTenant();
        given().auth().oauth2(Tokens.platformAdmin()).contentType(ContentType.JSON)
                .body(Map.of("requestsPerMinute", 100, "monthlyCostBudget", "250.5"))
                .put(TENANTS + "/{id}/quotas", tenantId).then().statusCode(200);

        // When
        ValidatableResponse response = given().auth().oauth2(Tokens.tenantAdmin(tenantId))
                .get(TENANTS + "/{id}/quotas", tenantId).then();

        // Then
        response.statusCode(200)
                .body("requestsPerMinute", equalTo(100))
                .body("tokensPerMinute", equalTo(0))
                .body("monthlyCostBudget", equalTo(250.5f));
    }

    @Test
    void shouldAnswer400ProblemForNegativeQuota() {
        // Given
        String tenantId = AdminApi.createTenant();

        // When
        ValidatableResponse response = given().auth().oauth2(Tokens.platformAdmin()).contentType(ContentType.JSON)
                .body(Map.of("tokensPerMinute", -1)).put(TENANTS + "/{id}/quotas", tenantId).then();

        // Then
        response.statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:civitas:problem:validation-failed"))
                .body("detail", containsString("tokensPerMinute"));
    }

    @Test
    void shouldAnswer400ProblemForInvalidCursor() {
        // When
        ValidatableResponse response = given().auth().oauth2(Tokens.auditor()).queryParam("cursor", "%%%")
                .get(TENANTS).then();

        // Then
        response.statusCode(400).contentType("application/problem+json");
    }

    @Test
    void shouldShowTenantAdminOnlyItsOwnTenantInList() {
        // Given
        String own = AdminApi.createTenant();
        AdminApi.createTenant();

        // When
        ValidatableResponse response = given().auth().oauth2(Tokens.tenantAdmin(own)).get(TENANTS).then();

        // Then
        response.statusCode(200).body("id", equalTo(List.of(own)));
    }

    private record StoredKey(String rowText, byte[] keyHash, String tenantId) {
    }

    private StoredKey loadStoredKey(String keyId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "select k::text, k.key_hash, k.tenant_id::text from api_key k where k.id = ?")) {
            statement.setString(1, keyId);
            try (ResultSet rows = statement.executeQuery()) {
                assertThat(rows.next()).as("stored row of key %s", keyId).isTrue();
                return new StoredKey(rows.getString(1), rows.getBytes(2), rows.getString(3));
            }
        }
    }

    private static byte[] hmacSha256(String pepper, String message) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(pepper.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
    }
}
