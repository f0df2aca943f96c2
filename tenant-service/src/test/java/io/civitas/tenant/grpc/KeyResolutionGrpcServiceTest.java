package io.civitas.tenant.grpc;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.civitas.api.events.v1.Quotas;
import io.civitas.api.tenant.v1.KeyResolutionServiceGrpc.KeyResolutionServiceBlockingStub;
import io.civitas.api.tenant.v1.ResolveKeyRequest;
import io.civitas.api.tenant.v1.ResolveKeyResponse;
import io.civitas.tenant.keys.ApiKeyFormat;
import io.civitas.tenant.support.AdminApi;
import io.civitas.tenant.support.Tokens;
import io.civitas.testsupport.KafkaResource;
import io.civitas.testsupport.PostgresResource;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;

@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(KafkaResource.class)
class KeyResolutionGrpcServiceTest {

    @GrpcClient("keys")
    KeyResolutionServiceBlockingStub keys;

    @Test
    void shouldResolveIssuedKey() {
        // Given
        String name = AdminApi.uniqueName("resolvable");
        String tenantId = AdminApi.createTenant(name, List.of("civitas-tiny", "civitas-small"), List.of("local"));
        Map<String, String> issued = AdminApi.createKey(tenantId, "gateway");

        // When
        ResolveKeyResponse response = keys.resolveKey(request(issued.get("key")));

        // Then
        assertThat(response.getTenantId()).isEqualTo(tenantId);
        assertThat(response.getTenantName()).isEqualTo(name);
        assertThat(response.getKeyId()).isEqualTo(issued.get("id"));
        assertThat(response.getAllowedModelsList()).containsExactlyInAnyOrder("civitas-tiny", "civitas-small");
        assertThat(response.getAllowedRegionsList()).containsExactly("local");
        assertThat(response.getScopesList()).containsExactly("inference", "embeddings");
        assertThat(response.getEntitlementsList()).extracting(e -> e.getModel())
                .containsExactly("civitas-small", "civitas-tiny");
        assertThat(response.getEntitlements(0).getLicenceReference()).isEqualTo("platform-default");
        assertThat(response.getDataClassification()).isEqualTo("official");
        assertThat(response.getTenantVersion()).isEqualTo(2);
        assertThat(response.hasKeyExpiresAt()).isFalse();
    }

    @Test
    void shouldReturnQuotasKeyLimitsScopesAndExpiry() {
        // Given
        String tenantId = given().auth().oauth2(Tokens.platformAdmin()).contentType(ContentType.JSON)
                .body(Map.of("name", AdminApi.uniqueName("limited"), "allowedRegions", List.of("de-fra"),
                        "dataClassification", "restricted", "costCentre", "CC-17", "priceBook", "gov-2026",
                        "quotas", Map.of("requestsPerMinute", 600, "tokensPerMinute", 90000,
                                "monthlyTokenBudget", 5000000, "monthlyCostBudget", "1500.50", "maxConcurrency", 8)))
                .post("/admin/v1/tenants").then().statusCode(201).extract().path("id");
        Instant expiresAt = Instant.now().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS);
        Map<String, Object> issued = AdminApi.createKey(tenantId, Map.of("name", "usage-reader",
                "scopes", List.of("read-usage"), "expiresAt", expiresAt.toString(),
                "limits", Map.of("requestsPerMinute", 60, "tokensPerMinute", 1000, "maxConcurrency", 2)));

        // When
        ResolveKeyResponse response = keys.resolveKey(request((String) issued.get("key")));

        // Then
        assertThat(response.getScopesList()).containsExactly("read-usage");
        assertThat(response.getQuotas()).isEqualTo(Quotas.newBuilder().setRequestsPerMinute(600)
                .setTokensPerMinute(90000).setMonthlyTokenBudget(5000000).setMonthlyCostBudget("1500.50")
                .setMaxConcurrency(8).build());
        assertThat(response.getKeyQuotas()).isEqualTo(Quotas.newBuilder().setRequestsPerMinute(60)
                .setTokensPerMinute(1000).setMaxConcurrency(2).build());
        assertThat(response.getKeyExpiresAt().getSeconds()).isEqualTo(expiresAt.getEpochSecond());
        assertThat(response.getDataClassification()).isEqualTo("restricted");
        assertThat(response.getAllowedRegionsList()).containsExactly("de-fra");
        assertThat(response.getAllowedModelsList()).isEmpty();
    }

    @Test
    void shouldRejectWrongSecretWithValidChecksum() {
        // Given
        String key = AdminApi.createKey(AdminApi.createTenant(), "ci").get("key");
        String body = key.substring(0, key.length() - 8);
        String wrongBody = body + (key.charAt(key.length() - 8) == 'a' ? 'b' : 'a');
        String wrong = wrongBody + ApiKeyFormat.checksum(wrongBody);

        // When
        Throwable failure = resolveFailure(wrong);

        // Then
        assertUnauthenticated(failure);
    }

    @Test
    void shouldRejectUnknownKeyId() {
        // Given
        String neverIssued = new ApiKeyFormat(new SecureRandom()).generate().fullKey();

        // When
        Throwable failure = resolveFailure(neverIssued);

        // Then
        assertUnauthenticated(failure);
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "garbage", "cvk_", "cvk_abc_def",
            "cvk_aaaaaaaaaaaaaaaa_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa_",
            "cvk_AAAAAAAAAAAAAAAA_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            "xyz_aaaaaaaaaaaaaaaa_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            "Bearer cvk_aaaaaaaaaaaaaaaa_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" })
    void shouldRejectMalformedKey(String malformed) {
        // When
        Throwable failure = resolveFailure(malformed);

        // Then
        assertUnauthenticated(failure);
    }

    @Test
    void shouldRejectRevokedKey() {
        // Given
        String tenantId = AdminApi.createTenant();
        Map<String, String> issued = AdminApi.createKey(tenantId, "ci");
        AdminApi.revokeKey(tenantId, issued.get("id"));

        // When
        Throwable failure = resolveFailure(issued.get("key"));

        // Then
        assertUnauthenticated(failure);
    }

    @Test
    void shouldRejectKeyOfSuspendedTenant() {
        // Given
        String tenantId = AdminApi.createTenant();
        String key = AdminApi.createKey(tenantId, "ci").get("key");
        AdminApi.changeStatus(tenantId, "SUSPENDED");

        // When
        Throwable failure = resolveFailure(key);

        // Then
        assertUnauthenticated(failure);
    }

    @Test
    void shouldResolveKeyAgainAfterTenantIsReactivated() {
        // Given
        String tenantId = AdminApi.createTenant();
        String key = AdminApi.createKey(tenantId, "ci").get("key");
        AdminApi.changeStatus(tenantId, "SUSPENDED");
        AdminApi.changeStatus(tenantId, "ACTIVE");

        // When
        ResolveKeyResponse response = keys.resolveKey(request(key));

        // Then
        assertThat(response.getTenantId()).isEqualTo(tenantId);
    }

    private Throwable resolveFailure(String presented) {
        return catchThrowable(() -> keys.resolveKey(request(presented)));
    }

    private static void assertUnauthenticated(Throwable failure) {
        assertThat(failure).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
            assertThat(e.getStatus().getDescription()).isEqualTo("Invalid API key");
        });
    }

    private static ResolveKeyRequest request(String apiKey) {
        return ResolveKeyRequest.newBuilder().setApiKey(apiKey).build();
    }
}
