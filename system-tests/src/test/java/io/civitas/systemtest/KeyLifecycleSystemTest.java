package io.civitas.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

import io.civitas.testsupport.process.KeycloakServer;

/**
 * Key changes made in tenant-service reach the gateway through the outbox and Kafka: a revoked key stops working
 * within 5 s although the gateway had it cached, and a rotated key keeps working beside its successor.
 */
@ExtendWith(SharedPlatform.class)
class KeyLifecycleSystemTest {

    private static AdminClient admin;
    private static GatewayClient gateway;
    private static String platformAdmin;
    private static String tenantId;

    @BeforeAll
    static void createTenant(Platform platform) {
        admin = new AdminClient(platform.tenantServiceUrl(), platform.keycloak().tokenUrl());
        gateway = new GatewayClient(platform.gatewayUrl());
        platformAdmin = admin.token(KeycloakServer.ADMIN_CLIENT, KeycloakServer.ADMIN_CLIENT_SECRET);
        tenantId = AdminClient.expect(admin.createTenant(platformAdmin, "keys-" + UUID.randomUUID(),
                List.of(Platform.MODEL), List.of(Platform.REGION)), 201).get("id").asText();
    }

    @Test
    void shouldRefuseARevokedKeyAtTheGatewayWithinFiveSeconds() {
        // Given
        JsonNode key = AdminClient.expect(admin.createKey(platformAdmin, tenantId, "to-revoke"), 201);
        assertThat(chat(key.get("key").asText())).isEqualTo(200);

        // When
        int revoked = admin.call("DELETE", "/admin/v1/tenants/" + tenantId + "/keys/" + key.get("id").asText(),
                platformAdmin, null).statusCode();

        // Then
        assertThat(revoked).isEqualTo(204);
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                .until(() -> chat(key.get("key").asText()) == 401);
    }

    @Test
    void shouldServeBothKeysDuringARotationOverlap() {
        // Given
        JsonNode old = AdminClient.expect(admin.createKey(platformAdmin, tenantId, "to-rotate"), 201);

        // When
        JsonNode successor = AdminClient.expect(admin.call("POST", "/admin/v1/tenants/" + tenantId + "/keys/"
                + old.get("id").asText() + "/rotate", platformAdmin,
                AdminClient.json(Map.of("overlapSeconds", 600))), 201);

        // Then
        assertThat(successor.get("key").asText()).isNotEqualTo(old.get("key").asText());
        assertThat(chat(successor.get("key").asText())).isEqualTo(200);
        assertThat(chat(old.get("key").asText())).isEqualTo(200);
    }

    private static int chat(String key) {
        return gateway.chat(key, Platform.MODEL, "Is this key still good?", false).statusCode();
    }
}
