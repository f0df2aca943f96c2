package io.civitas.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.civitas.testsupport.process.KeycloakServer;

/**
 * Who may do what in tenant-service's admin API, with tokens from the real Keycloak: a tenant-admin is a Keycloak
 * user bound to one tenant by the admin-only attribute civitas_tenant.
 */
@ExtendWith(SharedPlatform.class)
class TenantAdministrationSystemTest {

    private static AdminClient admin;
    private static KeycloakUsers users;
    private static String platformAdmin;
    private static String ownTenant;
    private static String otherTenant;

    @BeforeAll
    static void createTenantsAndPeople(Platform platform) {
        admin = new AdminClient(platform.tenantServiceUrl(), platform.keycloak().tokenUrl());
        users = new KeycloakUsers(platform.keycloak());
        platformAdmin = admin.token(KeycloakServer.ADMIN_CLIENT, KeycloakServer.ADMIN_CLIENT_SECRET);
        ownTenant = newTenant("agency-own");
        otherTenant = newTenant("agency-other");
        users.create("admin-of-own", "own-password", "tenant-admin", ownTenant);
        users.create("unbound-admin", "unbound-password", "tenant-admin", null);
    }

    @Test
    void shouldLetATenantAdminManageItsOwnKeysOnly() {
        // Given
        String token = users.token("admin-of-own", "own-password");

        // When
        var created = admin.call("POST", keys(ownTenant), token, AdminClient.json(Map.of("name", "payroll-bot")));
        String keyId = AdminClient.expect(created, 201).get("id").asText();

        // Then
        assertThat(admin.call("GET", keys(ownTenant), token, null).statusCode()).isEqualTo(200);
        assertThat(admin.call("DELETE", keys(ownTenant) + "/" + keyId, token, null).statusCode()).isEqualTo(204);
        assertThat(admin.call("GET", keys(otherTenant), token, null).statusCode()).isEqualTo(403);
        assertThat(admin.call("POST", keys(otherTenant), token, AdminClient.json(Map.of("name", "intruder")))
                .statusCode()).isEqualTo(403);
        assertThat(admin.call("PUT", "/admin/v1/tenants/" + ownTenant + "/quotas", token,
                AdminClient.json(Map.of("requestsPerMinute", 100000))).statusCode()).isEqualTo(403);
        assertThat(admin.createTenant(token, "self-made", List.of(Platform.MODEL), List.of(Platform.REGION))
                .statusCode()).isEqualTo(403);
    }

    @Test
    void shouldRefuseATenantAdminThatIsBoundToNoTenant() {
        // Given
        String token = users.token("unbound-admin", "unbound-password");

        // When
        var response = admin.call("GET", keys(ownTenant), token, null);

        // Then
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
    }

    @Test
    void shouldLetAnAuditorReadButChangeNothing() {
        // Given
        String token = admin.token(KeycloakServer.AUDITOR_CLIENT, KeycloakServer.AUDITOR_CLIENT_SECRET);

        // When
        var read = admin.call("GET", "/admin/v1/tenants/" + otherTenant, token, null);
        var write = admin.call("POST", keys(otherTenant), token, AdminClient.json(Map.of("name", "auditor-key")));

        // Then
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(write.statusCode()).isEqualTo(403);
    }

    private static String newTenant(String prefix) {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        return AdminClient.expect(admin.createTenant(platformAdmin, name, List.of(Platform.MODEL),
                List.of(Platform.REGION)), 201).get("id").asText();
    }

    private static String keys(String tenantId) {
        return "/admin/v1/tenants/" + tenantId + "/keys";
    }
}
