package io.civitas.tenant.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.security.SecureRandom;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.civitas.api.tenant.v1.KeyResolutionServiceGrpc.KeyResolutionServiceBlockingStub;
import io.civitas.api.tenant.v1.ResolveKeyRequest;
import io.civitas.api.tenant.v1.ResolveKeyResponse;
import io.civitas.tenant.keys.ApiKeyFormat;
import io.civitas.tenant.support.AdminApi;
import io.civitas.testsupport.PostgresResource;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
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
        assertThat(response.getAllowedModelsList()).containsExactly("civitas-tiny", "civitas-small");
        assertThat(response.getAllowedRegionsList()).containsExactly("local");
    }

    @Test
    void shouldRejectWrongSecret() {
        // Given
        String key = AdminApi.createKey(AdminApi.createTenant(), "ci").get("key");
        char last = key.charAt(key.length() - 1);
        String wrong = key.substring(0, key.length() - 1) + (last == 'a' ? 'b' : 'a');

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
