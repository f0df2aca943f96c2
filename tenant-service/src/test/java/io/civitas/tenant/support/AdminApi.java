package io.civitas.tenant.support;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.restassured.http.ContentType;

/**
 * Calls of the admin REST API as platform-admin, for arranging test state.
 */
public final class AdminApi {

    private AdminApi() {
    }

    public static String uniqueName(String base) {
        return base + "-" + UUID.randomUUID();
    }

    public static String createTenant(String name, List<String> models, List<String> regions) {
        return given().auth().oauth2(Tokens.platformAdmin()).contentType(ContentType.JSON)
                .body(Map.of("name", name, "allowedModels", models, "allowedRegions", regions))
                .post("/admin/v1/tenants")
                .then().statusCode(201).extract().path("id");
    }

    public static String createTenant() {
        return createTenant(uniqueName("tenant"), List.of("civitas-tiny"), List.of("local"));
    }

    /** Issues a key and returns the whole response body. */
    public static Map<String, Object> createKey(String tenantId, Map<String, Object> body) {
        return given().auth().oauth2(Tokens.platformAdmin()).contentType(ContentType.JSON)
                .body(body)
                .post("/admin/v1/tenants/{id}/keys", tenantId)
                .then().statusCode(201).extract().jsonPath().getMap("");
    }

    /** Issues a key with default scopes and returns its id and key. */
    public static Map<String, String> createKey(String tenantId, String name) {
        Map<String, Object> body = createKey(tenantId, Map.of("name", name));
        return Map.of("id", (String) body.get("id"), "key", (String) body.get("key"));
    }

    /** Rotates a key and returns the successor's id and key. */
    public static Map<String, String> rotateKey(String tenantId, String keyId, long overlapSeconds) {
        Map<String, Object> body = given().auth().oauth2(Tokens.platformAdmin()).contentType(ContentType.JSON)
                .body(Map.of("overlapSeconds", overlapSeconds))
                .post("/admin/v1/tenants/{id}/keys/{keyId}/rotate", tenantId, keyId)
                .then().statusCode(201).extract().jsonPath().getMap("");
        return Map.of("id", (String) body.get("id"), "key", (String) body.get("key"));
    }

    public static void revokeKey(String tenantId, String keyId) {
        given().auth().oauth2(Tokens.platformAdmin())
                .delete("/admin/v1/tenants/{id}/keys/{keyId}", tenantId, keyId)
                .then().statusCode(204);
    }

    public static void changeStatus(String tenantId, String status) {
        given().auth().oauth2(Tokens.platformAdmin()).contentType(ContentType.JSON)
                .body(Map.of("status", status))
                .put("/admin/v1/tenants/{id}/status", tenantId)
                .then().statusCode(200);
    }

    /** Grants an entitlement (licence terms not yet accepted). */
    public static void grant(String tenantId, String model, Map<String, Object> terms) {
        given().auth().oauth2(Tokens.platformAdmin()).contentType(ContentType.JSON).body(terms)
                .put("/admin/v1/tenants/{id}/entitlements/{model}", tenantId, model)
                .then().statusCode(200);
    }

    public static void accept(String tenantId, String model) {
        given().auth().oauth2(Tokens.tenantAdmin(tenantId)).contentType(ContentType.JSON)
                .post("/admin/v1/tenants/{id}/entitlements/{model}/acceptance", tenantId, model)
                .then().statusCode(200);
    }
}
