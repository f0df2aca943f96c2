package io.civitas.tenant.keys;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.civitas.api.events.v1.EventEnvelope;
import io.civitas.api.events.v1.TenantChanged;
import io.civitas.api.tenant.v1.KeyResolutionServiceGrpc.KeyResolutionServiceBlockingStub;
import io.civitas.api.tenant.v1.ResolveKeyRequest;
import io.civitas.tenant.support.AdminApi;
import io.civitas.tenant.support.Events;
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
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;

@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(KafkaResource.class)
class KeyLifecycleTest {

    private static final String KEYS = "/admin/v1/tenants/{id}/keys";

    @GrpcClient("keys")
    KeyResolutionServiceBlockingStub keys;

    @Inject
    LastUseRecorder lastUse;

    @Test
    void shouldResolveBothKeysDuringRotationOverlap() {
        // Given
        String tenantId = AdminApi.createTenant();
        Map<String, String> old = AdminApi.createKey(tenantId, "ci");

        // When
        Map<String, String> successor = AdminApi.rotateKey(tenantId, old.get("id"), 3600);

        // Then
        assertThat(keys.resolveKey(request(old.get("key"))).getKeyId()).isEqualTo(old.get("id"));
        assertThat(keys.resolveKey(request(successor.get("key"))).getKeyId()).isEqualTo(successor.get("id"));
        Instant oldExpiry = Instant.ofEpochSecond(keys.resolveKey(request(old.get("key"))).getKeyExpiresAt()
                .getSeconds());
        assertThat(oldExpiry).isBetween(Instant.now().plusSeconds(3500), Instant.now().plusSeconds(3601));
        given().auth().oauth2(Tokens.platformAdmin()).get(KEYS + "/{keyId}", tenantId, old.get("id")).then()
                .statusCode(200).body("replacedBy", equalTo(successor.get("id"))).body("state", equalTo("ACTIVE"));
    }

    @Test
    void shouldRefuseOldKeyOnceOverlapIsOver() {
        // Given
        String tenantId = AdminApi.createTenant();
        Map<String, String> old = AdminApi.createKey(tenantId, "ci");
        Map<String, String> successor = AdminApi.rotateKey(tenantId, old.get("id"), 0);

        // When
        Throwable failure = catchThrowable(() -> keys.resolveKey(request(old.get("key"))));

        // Then
        assertUnauthenticated(failure);
        assertThat(keys.resolveKey(request(successor.get("key"))).getKeyId()).isEqualTo(successor.get("id"));
        given().auth().oauth2(Tokens.platformAdmin()).get(KEYS + "/{keyId}", tenantId, old.get("id")).then()
                .statusCode(200).body("state", equalTo("EXPIRED"));
    }

    @Test
    void shouldRefuseOverlapLongerThanConfigured() {
        // Given
        String tenantId = AdminApi.createTenant();
        String keyId = AdminApi.createKey(tenantId, "ci").get("id");

        // When
        ValidatableResponse response = given().auth().oauth2(Tokens.platformAdmin()).contentType(ContentType.JSON)
                .body(Map.of("overlapSeconds", 86401)).post(KEYS + "/{keyId}/rotate", tenantId, keyId).then();

        // Then
        response.statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:civitas:problem:validation-failed"));
    }

    @Test
    void shouldRefuseRotatingRevokedKey() {
        // Given
        String tenantId = AdminApi.createTenant();
        String keyId = AdminApi.createKey(tenantId, "ci").get("id");
        AdminApi.revokeKey(tenantId, keyId);

        // When
        ValidatableResponse response = given().auth().oauth2(Tokens.platformAdmin()).contentType(ContentType.JSON)
                .post(KEYS + "/{keyId}/rotate", tenantId, keyId).then();

        // Then
        response.statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("urn:civitas:problem:api-key-not-usable"));
    }

    @Test
    void shouldExpireKeyAtItsExpiry() {
        // Given
        String tenantId = AdminApi.createTenant();
        Map<String, Object> issued = AdminApi.createKey(tenantId, Map.of("name", "short-lived",
                "expiresAt", Instant.now().plusSeconds(2).toString()));
        String key = (String) issued.get("key");
        assertThat(keys.resolveKey(request(key)).getKeyId()).isEqualTo(issued.get("id"));

        // When
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertUnauthenticated(catchThrowable(() -> keys.resolveKey(request(key)))));

        // Then
        given().auth().oauth2(Tokens.platformAdmin()).get(KEYS + "/{keyId}", tenantId, issued.get("id")).then()
                .body("state", equalTo("EXPIRED"));
    }

    @Test
    void shouldPublishKeyRevokedWithinFiveSeconds() {
        // Given
        String tenantId = AdminApi.createTenant();
        String keyId = AdminApi.createKey(tenantId, "ci").get("id");
        try (Events events = Events.tenantChanges()) {

            // When
            AdminApi.revokeKey(tenantId, keyId);

            // Then
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(events.envelopes())
                    .map(EventEnvelope::getTenantChanged)
                    .filteredOn(e -> e.getChange() == TenantChanged.Change.KEY_REVOKED && e.getKeyId().equals(keyId))
                    .singleElement()
                    .satisfies(e -> {
                        assertThat(e.getTenantId()).isEqualTo(tenantId);
                        assertThat(e.getTenantVersion()).isEqualTo(3);
                        assertThat(e.getTenant().getStatus()).isEqualTo("active");
                    }));
        }
    }

    @Test
    void shouldPublishEveryChangeOfTenantInVersionOrder() {
        // Given
        String tenantId = AdminApi.createTenant();
        try (Events events = Events.tenantChanges()) {
            String keyId = AdminApi.createKey(tenantId, "ci").get("id");
            AdminApi.rotateKey(tenantId, keyId, 60);
            AdminApi.changeStatus(tenantId, "SUSPENDED");

            // When
            List<TenantChanged> changes = new ArrayList<>();
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                changes.clear();
                events.envelopes().stream().map(EventEnvelope::getTenantChanged)
                        .filter(c -> c.getTenantId().equals(tenantId)).forEach(changes::add);
                return changes.size() == 4;
            });

            // Then
            assertThat(changes).extracting(TenantChanged::getChange).containsExactly(
                    TenantChanged.Change.TENANT_CREATED, TenantChanged.Change.KEY_CREATED,
                    TenantChanged.Change.KEY_ROTATED, TenantChanged.Change.TENANT_SUSPENDED);
            assertThat(changes).extracting(TenantChanged::getTenantVersion).containsExactly(1L, 2L, 3L, 4L);
            assertThat(changes.getLast().getTenant().getEntitledModelsList()).containsExactly("civitas-tiny");
        }
    }

    @Test
    void shouldRecordLastUseCoarselyAfterResolution() {
        // Given
        String tenantId = AdminApi.createTenant();
        Map<String, String> issued = AdminApi.createKey(tenantId, "ci");
        keys.resolveKey(request(issued.get("key")));

        // When
        lastUse.flush();

        // Then
        given().auth().oauth2(Tokens.platformAdmin()).get(KEYS + "/{keyId}", tenantId, issued.get("id")).then()
                .statusCode(200).body("lastUsedAt", notNullValue());
    }

    @Test
    void shouldListKeysPageByPageWithoutSecrets() {
        // Given
        String tenantId = AdminApi.createTenant();
        for (int i = 0; i < 3; i++) {
            AdminApi.createKey(tenantId, "key-" + i);
        }

        // When
        ValidatableResponse first = given().auth().oauth2(Tokens.platformAdmin()).queryParam("limit", 2)
                .get(KEYS, tenantId).then();

        // Then
        first.statusCode(200).body("$", hasSize(2)).body("[0].name", equalTo("key-2"))
                .body("[0].key", nullValue()).body("[0].prefix", notNullValue());
        String next = first.extract().header("Link");
        assertThat(next).contains("rel=\"next\"");
        String url = next.substring(next.indexOf('<') + 1, next.indexOf('>'));
        given().auth().oauth2(Tokens.platformAdmin()).get(url).then().statusCode(200)
                .body("$", hasSize(1)).body("[0].name", equalTo("key-0")).header("Link", nullValue());
    }

    @Test
    void shouldRefuseUnknownScope() {
        // Given
        String tenantId = AdminApi.createTenant();

        // When
        ValidatableResponse response = given().auth().oauth2(Tokens.platformAdmin()).contentType(ContentType.JSON)
                .body(Map.of("name", "ci", "scopes", List.of("admin"))).post(KEYS, tenantId).then();

        // Then
        response.statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:civitas:problem:validation-failed"));
    }

    @Test
    void shouldLetTenantAdminManageOwnKeysAndRefuseAnotherTenantsKey() {
        // Given
        String own = AdminApi.createTenant();
        String other = AdminApi.createTenant();
        String otherKey = AdminApi.createKey(other, "theirs").get("id");

        // When
        ValidatableResponse created = given().auth().oauth2(Tokens.tenantAdmin(own)).contentType(ContentType.JSON)
                .body(Map.of("name", "mine")).post(KEYS, own).then();
        ValidatableResponse revokeOther = given().auth().oauth2(Tokens.tenantAdmin(own))
                .delete(KEYS + "/{keyId}", other, otherKey).then();
        ValidatableResponse revokeViaOwnPath = given().auth().oauth2(Tokens.tenantAdmin(own))
                .delete(KEYS + "/{keyId}", own, otherKey).then();

        // Then
        created.statusCode(201);
        revokeOther.statusCode(403);
        revokeViaOwnPath.statusCode(404);
        given().auth().oauth2(Tokens.platformAdmin()).get(KEYS + "/{keyId}", other, otherKey).then()
                .body("state", equalTo("ACTIVE"));
    }

    private static void assertUnauthenticated(Throwable failure) {
        assertThat(failure).isInstanceOfSatisfying(StatusRuntimeException.class,
                e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
    }

    private static ResolveKeyRequest request(String apiKey) {
        return ResolveKeyRequest.newBuilder().setApiKey(apiKey).build();
    }
}
