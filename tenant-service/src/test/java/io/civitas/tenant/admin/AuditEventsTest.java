package io.civitas.tenant.admin;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.civitas.api.events.v1.AdminActionPerformed;
import io.civitas.api.events.v1.EventEnvelope;
import io.civitas.api.events.v1.EventType;
import io.civitas.tenant.support.AdminApi;
import io.civitas.tenant.support.Events;
import io.civitas.tenant.support.Tokens;
import io.civitas.testsupport.KafkaResource;
import io.civitas.testsupport.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;

/**
 * Every admin action, done or refused, reaches civitas.audit.v1 as AdminActionPerformed naming the actor.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(KafkaResource.class)
class AuditEventsTest {

    @Test
    void shouldPublishAdminActionNamingTheActor() {
        // Given
        String tenantId = AdminApi.createTenant();
        try (Events audit = Events.audit()) {

            // When
            String keyId = given().auth().oauth2(Tokens.tenantAdmin(tenantId)).contentType(ContentType.JSON)
                    .body(Map.of("name", "ci")).post("/admin/v1/tenants/{id}/keys", tenantId)
                    .then().statusCode(201).extract().path("id");

            // Then
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(audit.records())
                    .filteredOn(r -> r.key().equals(tenantId))
                    .extracting(r -> EventEnvelope.parseFrom(r.value()))
                    .filteredOn(e -> e.getType() == EventType.EVENT_TYPE_ADMIN_ACTION_PERFORMED)
                    .extracting(EventEnvelope::getAdminActionPerformed)
                    .filteredOn(a -> a.getAction().equals("key.create"))
                    .singleElement()
                    .satisfies(action -> {
                        assertThat(action.getActorName()).isEqualTo("ministry-admin");
                        assertThat(action.getActorSubject()).isNotEmpty();
                        assertThat(action.getActorRolesList()).containsExactly("tenant-admin");
                        assertThat(action.getTargetType()).isEqualTo("key");
                        assertThat(action.getTargetId()).isEqualTo(keyId);
                        assertThat(action.getTenantId()).isEqualTo(tenantId);
                        assertThat(action.getHttpStatus()).isEqualTo(201);
                        assertThat(action.getService()).isEqualTo("tenant-service");
                    }));
        }
    }

    @Test
    void shouldPublishRefusedAttemptOnAnotherTenantsKeys() {
        // Given
        String own = AdminApi.createTenant();
        String other = AdminApi.createTenant();
        String otherKey = AdminApi.createKey(other, "theirs").get("id");
        try (Events audit = Events.audit()) {

            // When
            given().auth().oauth2(Tokens.tenantAdmin(own)).delete("/admin/v1/tenants/{id}/keys/{keyId}", other,
                    otherKey).then().statusCode(403);

            // Then
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(audit.envelopes())
                    .extracting(EventEnvelope::getAdminActionPerformed)
                    .filteredOn(a -> a.getTargetId().equals(otherKey) && a.getAction().equals("key.revoke"))
                    .singleElement()
                    .satisfies(action -> {
                        assertThat(action.getHttpStatus()).isEqualTo(403);
                        assertThat(action.getTenantId()).isEqualTo(other);
                        assertThat(action.getActorName()).isEqualTo("ministry-admin");
                    }));
        }
    }

    @Test
    void shouldNotPublishActionThatRolledBackAsDone() {
        // Given
        String tenantId = AdminApi.createTenant();
        try (Events audit = Events.audit()) {

            // When
            given().auth().oauth2(Tokens.platformAdmin()).contentType(ContentType.JSON)
                    .body(Map.of("name", "ci", "scopes", List.of("everything")))
                    .post("/admin/v1/tenants/{id}/keys", tenantId).then().statusCode(400);

            // Then
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(audit.envelopes())
                    .extracting(EventEnvelope::getAdminActionPerformed)
                    .filteredOn(a -> a.getTenantId().equals(tenantId) && a.getAction().equals("key.create"))
                    .extracting(AdminActionPerformed::getHttpStatus)
                    .containsExactly(400));
        }
    }
}
