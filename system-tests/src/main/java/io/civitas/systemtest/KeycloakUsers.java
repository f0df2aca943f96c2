package io.civitas.systemtest;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.civitas.testsupport.process.KeycloakServer;

/**
 * People in the Civitas realm, managed through Keycloak's admin REST API as an operator would: a tenant-admin is a
 * user with the realm role {@code tenant-admin} and the admin-only user attribute {@code civitas_tenant}, which the
 * realm maps into the access-token claim of the same name.
 */
public final class KeycloakUsers {

    /** Public client for people's password grants (scripts; browsers use the standard flow). */
    public static final String CONSOLE_CLIENT = "civitas-console";

    private final KeycloakServer keycloak;

    public KeycloakUsers(KeycloakServer keycloak) {
        this.keycloak = keycloak;
    }

    /** Creates an enabled user holding {@code role}, bound to {@code tenantId} when it is not null. */
    public void create(String username, String password, String role, String tenantId) {
        String admin = adminToken();
        Map<String, Object> user = new java.util.HashMap<>(Map.of("username", username, "enabled", true,
                "email", username + "@civitas.example", "emailVerified", true, "firstName", username,
                "lastName", "Civitas",
                "credentials", List.of(Map.of("type", "password", "value", password, "temporary", false))));
        if (tenantId != null) {
            user.put("attributes", Map.of("civitas_tenant", List.of(tenantId)));
        }
        expect(send(json(adminUrl("/users"), admin, AdminClient.json(user))), 201);
        String userId = expectJson(send(get(adminUrl("/users?exact=true&username=" + username), admin)))
                .get(0).get("id").asText();
        JsonNode realmRole = expectJson(send(get(adminUrl("/roles/" + role), admin)));
        expect(send(json(adminUrl("/users/" + userId + "/role-mappings/realm"), admin,
                "[" + realmRole + "]")), 204);
    }

    /** An access token for a user of the realm (password grant on the console client). */
    public String token(String username, String password) {
        return expectJson(send(form(keycloak.tokenUrl(), Map.of("grant_type", "password",
                "client_id", CONSOLE_CLIENT, "username", username, "password", password))))
                .get("access_token").asText();
    }

    private String adminToken() {
        String masterTokenUrl = keycloak.realmUrl().replace("/realms/" + KeycloakServer.REALM, "/realms/master")
                + "/protocol/openid-connect/token";
        return expectJson(send(form(masterTokenUrl, Map.of("grant_type", "password", "client_id", "admin-cli",
                "username", KeycloakServer.BOOTSTRAP_ADMIN, "password", KeycloakServer.BOOTSTRAP_ADMIN_PASSWORD))))
                .get("access_token").asText();
    }

    private String adminUrl(String path) {
        return keycloak.realmUrl().replace("/realms/", "/admin/realms/") + path;
    }

    private static HttpRequest form(String url, Map<String, String> fields) {
        return AdminClient.form(url, fields);
    }

    private static HttpRequest json(String url, String token, String body) {
        return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static HttpRequest get(String url, String token) {
        return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).GET().build();
    }

    private static JsonNode expectJson(HttpResponse<String> response) {
        return AdminClient.expect(response, 200);
    }

    private static void expect(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(response.request().uri() + " answered " + response.statusCode()
                    + " instead of " + status + ": " + response.body());
        }
    }

    private static HttpResponse<String> send(HttpRequest request) {
        return AdminClient.send(request);
    }
}
