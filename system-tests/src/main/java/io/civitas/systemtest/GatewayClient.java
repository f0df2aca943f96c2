package io.civitas.systemtest;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Calls the gateway's OpenAI-compatible API with a tenant's API key, as an unmodified OpenAI client would. */
public final class GatewayClient {

    private final String gatewayUrl;

    public GatewayClient(String gatewayUrl) {
        this.gatewayUrl = gatewayUrl;
    }

    /** A chat completion of {@code model} answering {@code prompt}, greedy, at most 16 tokens. */
    public HttpResponse<String> chat(String key, String model, String prompt, boolean stream) {
        Map<String, Object> body = new LinkedHashMap<>(Map.of("model", model, "max_tokens", 16, "temperature", 0,
                "messages", List.of(Map.of("role", "user", "content", prompt))));
        if (stream) {
            body.put("stream", true);
            body.put("stream_options", Map.of("include_usage", true));
        }
        return post(key, "/v1/chat/completions", body);
    }

    /** POST of a JSON body to {@code path} below the gateway's URL. */
    public HttpResponse<String> post(String key, String path, Map<String, Object> body) {
        return AdminClient.send(HttpRequest.newBuilder(URI.create(gatewayUrl + path))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(AdminClient.json(body))).build());
    }

    public static String requestId(HttpResponse<String> response) {
        return response.headers().firstValue("x-request-id").orElseThrow();
    }
}
