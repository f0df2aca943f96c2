package io.civitas.tenant.tenants;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.civitas.api.tenant.v1.Entitlement;
import io.civitas.api.tenant.v1.KeyResolutionServiceGrpc.KeyResolutionServiceBlockingStub;
import io.civitas.api.tenant.v1.ResolveKeyRequest;
import io.civitas.api.tenant.v1.ResolveKeyResponse;
import io.civitas.tenant.support.AdminApi;
import io.civitas.tenant.support.Tokens;
import io.civitas.testsupport.KafkaResource;
import io.civitas.testsupport.PostgresResource;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * Licence-aware entitlements: a model is allowed only under accepted licence terms and within the validity period.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(KafkaResource.class)
class EntitlementsTest {

    private static final String ENTITLEMENTS = "/admin/v1/tenants/{id}/entitlements";

    @GrpcClient("keys")
    KeyResolutionServiceBlockingStub keys;

    @Test
    void shouldNotAllowModelUntilLicenceTermsAreAccepted() {
        // Given
        String tenantId = AdminApi.createTenant(AdminApi.uniqueName("ministry"), List.of(), List.of("eu"));
        String key = AdminApi.createKey(tenantId, "ci").get("key");
        AdminApi.grant(tenantId, "llama-70b", Map.of("licenceReference", "LLAMA-3-COMMUNITY",
                "monthlyTokenCap", 1000000));

        // When
        ResolveKeyResponse before = keys.resolveKey(request(key));
        AdminApi.accept(tenantId, "llama-70b");
        ResolveKeyResponse after = keys.resolveKey(request(key));

        // Then
        assertThat(before.getAllowedModelsList()).isEmpty();
        assertThat(before.getEntitlementsList()).isEmpty();
        assertThat(after.getAllowedModelsList()).containsExactly("llama-70b");
        assertThat(after.getEntitlementsList()).singleElement().satisfies(e -> {
            assertThat(e.getLicenceReference()).isEqualTo("LLAMA-3-COMMUNITY");
            assertThat(e.getMonthlyTokenCap()).isEqualTo(1000000);
            assertThat(e.hasValidUntil()).isFalse();
        });
        assertThat(after.getTenantVersion()).isGreaterThan(before.getTenantVersion());
        given().auth().oauth2(Tokens.auditor()).get(ENTITLEMENTS, tenantId).then().statusCode(200)
                .body("[0].licenceAccepted", equalTo(true)).body("[0].licenceAcceptedBy", equalTo("ministry-admin"))
                .body("[0].inForce", equalTo(true));
    }

    @Test
    void shouldNotAllowModelOutsideValidityPeriod() {
        // Given
        String tenantId = AdminApi.createTenant(AdminApi.uniqueName("agency"), List.of(), List.of("eu"));
        String key = AdminApi.createKey(tenantId, "ci").get("key");
        Instant now = Instant.now();
        AdminApi.grant(tenantId, "expired-model", Map.of("licenceReference", "L-OLD",
                "validFrom", now.minusSeconds(7200).toString(), "validUntil", now.minusSeconds(3600).toString()));
        AdminApi.grant(tenantId, "future-model", Map.of("licenceReference", "L-NEXT",
                "validFrom", now.plusSeconds(3600).toString()));
        AdminApi.grant(tenantId, "current-model", Map.of("licenceReference", "L-NOW",
                "validUntil", now.plusSeconds(3600).toString()));
        for (String model : List.of("expired-model", "future-model", "current-model")) {
            AdminApi.accept(tenantId, model);
        }

        // When
        ResolveKeyResponse response = keys.resolveKey(request(key));

        // Then
        assertThat(response.getEntitlementsList()).extracting(Entitlement::getModel).containsExactly("current-model");
        assertThat(response.getEntitlements(0).getValidUntil().getSeconds())
                .isEqualTo(now.plusSeconds(3600).getEpochSecond());
    }

    @Test
    void shouldRequireAcceptanceAgainWhenLicenceReferenceChanges() {
        // Given
        String tenantId = AdminApi.createTenant(AdminApi.uniqueName("office"), List.of(), List.of("eu"));
        String key = AdminApi.createKey(tenantId, "ci").get("key");
        AdminApi.grant(tenantId, "mistral", Map.of("licenceReference", "APACHE-2.0"));
        AdminApi.accept(tenantId, "mistral");

        // When
        AdminApi.grant(tenantId, "mistral", Map.of("licenceReference", "MISTRAL-COMMERCIAL-2026"));

        // Then
        assertThat(keys.resolveKey(request(key)).getAllowedModelsList()).isEmpty();
    }

    @Test
    void shouldRefuseInvertedValidityPeriod() {
        // Given
        String tenantId = AdminApi.createTenant();
        Instant now = Instant.now();

        // When
        ValidatableResponse response = given().auth().oauth2(Tokens.platformAdmin()).contentType(ContentType.JSON)
                .body(Map.of("licenceReference", "L", "validFrom", now.toString(),
                        "validUntil", now.minusSeconds(1).toString()))
                .put(ENTITLEMENTS + "/{model}", tenantId, "m").then();

        // Then
        response.statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:civitas:problem:validation-failed"));
    }

    @Test
    void shouldAnswer404ProblemForAcceptingUnknownEntitlement() {
        // Given
        String tenantId = AdminApi.createTenant();

        // When
        ValidatableResponse response = given().auth().oauth2(Tokens.tenantAdmin(tenantId))
                .contentType(ContentType.JSON).post(ENTITLEMENTS + "/{model}/acceptance", tenantId, "unknown").then();

        // Then
        response.statusCode(404).body("type", equalTo("urn:civitas:problem:entitlement-not-found"));
    }

    private static ResolveKeyRequest request(String apiKey) {
        return ResolveKeyRequest.newBuilder().setApiKey(apiKey).build();
    }
}
