package io.civitas.systemtest;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Calls tenant-service's admin API with a Keycloak token, as an operator's automation would. */
public final class AdminClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String tenantServiceUrl;
    private final String tokenUrl;

    public AdminClient(String tenantServiceUrl, String tokenUrl) {
        this.tenantServiceUrl = tenantServiceUrl;
        this.tokenUrl = tokenUrl;
    }

    /** An access token for a confidential client (client-credentials grant). */
    public String token(String clientId, String secret) {
        return expect(send(form(tokenUrl, Map.of("grant_type", "client_credentials", "client_id", clientId,
                "client_secret", secret))), 200).get("access_token").asText();
    }

    /** A POST of a URL-encoded form. */
    static HttpRequest form(String url, Map<String, String> fields) {
        String body = fields.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    /** POST /admin/v1/tenants; returns the raw response. */
    public HttpResponse<String> createTenant(String token, String name, List<String> models, List<String> regions) {
        String body = json(Map.of("name", name, "allowedModels", models, "allowedRegions", regions));
        return call("POST", "/admin/v1/tenants", token, body);
    }

    /** POST /admin/v1/tenants/{id}/keys; returns the raw response. */
    public HttpResponse<String> createKey(String token, String tenantId, String name) {
        return call("POST", "/admin/v1/tenants/" + tenantId + "/keys", token, json(Map.of("name", name)));
    }

    /** Any admin call: {@code method} on {@code path} (below the service URL), JSON {@code body} or null. */
    public HttpResponse<String> call(String method, String path, String token, String body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(tenantServiceUrl + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            builder.header("Content-Type", "application/json");
        }
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return send(builder.build());
    }

    /** Creates a tenant entitled to {@code models} in {@code regions} and issues a key; returns the key. */
    public String tenantWithKey(String token, String name, List<String> models, List<String> regions) {
        String tenantId = expect(createTenant(token, name, models, regions), 201).get("id").asText();
        return expect(createKey(token, tenantId, name + "-key"), 201).get("key").asText();
    }

    public static JsonNode expect(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(response.request().uri() + " answered " + response.statusCode()
                    + " instead of " + status + ": " + response.body());
        }
        return parse(response.body());
    }

    public static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("Not JSON: " + body, e);
        }
    }

    public static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("Request to " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
