package io.civitas.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

import io.civitas.testsupport.process.KeycloakServer;
import io.civitas.testsupport.process.QuarkusService;

/**
 * The worker's openai-upstream engine against a real OpenAI-compatible server process, as it runs against vLLM on
 * GPU nodes: a relay worker sends its model's requests to a Civitas gateway (streaming, usage from the usage chunk,
 * bearer key), and a further gateway serves that relay worker.
 */
@ExtendWith(SharedPlatform.class)
class UpstreamRelaySystemTest {

    private static final String RELAY_MODEL = "relay-tiny";
    private static final String CRASH_MODEL = "relay-crash";
    private static final String PROMPT = "Relay this through an OpenAI-compatible server";

    private static Platform platform;
    private static String key;

    @BeforeAll
    static void createTenant(Platform running) {
        platform = running;
        AdminClient admin = new AdminClient(platform.tenantServiceUrl(), platform.keycloak().tokenUrl());
        String token = admin.token(KeycloakServer.ADMIN_CLIENT, KeycloakServer.ADMIN_CLIENT_SECRET);
        String tenantId = AdminClient.expect(admin.createTenant(token, "relay-" + UUID.randomUUID(),
                List.of(Platform.MODEL, RELAY_MODEL, CRASH_MODEL), List.of(Platform.REGION)), 201)
                .get("id").asText();
        key = AdminClient.expect(admin.createKey(token, tenantId, "relay-key"), 201).get("key").asText();
    }

    @Test
    void shouldRelayTheUpstreamsAnswerAndUsageExactly() {
        // Given
        QuarkusService relayGateway = platform.startRelay(RELAY_MODEL, key);

        // When
        JsonNode direct = body(new GatewayClient(platform.gatewayUrl()).chat(key, Platform.MODEL, PROMPT, false));
        GatewayClient relay = new GatewayClient(relayGateway.url());
        JsonNode relayed = body(relay.chat(key, RELAY_MODEL, PROMPT, false));
        HttpResponse<String> streamed = relay.chat(key, RELAY_MODEL, PROMPT, true);

        // Then
        assertThat(relayed.at("/choices/0/message/content").asText())
                .isNotEmpty().isEqualTo(direct.at("/choices/0/message/content").asText());
        assertThat(relayed.get("usage")).isEqualTo(direct.get("usage"));
        assertThat(relayed.get("model").asText()).isEqualTo(RELAY_MODEL);
        assertThat(streamed.statusCode()).isEqualTo(200);
        List<JsonNode> chunks = streamed.body().lines().filter(line -> line.startsWith("data: {"))
                .map(line -> AdminClient.parse(line.substring("data: ".length()))).toList();
        String streamedText = chunks.stream().map(chunk -> chunk.at("/choices/0/delta/content").asText(""))
                .reduce("", String::concat);
        assertThat(streamedText).isEqualTo(direct.at("/choices/0/message/content").asText());
        assertThat(chunks.getLast().get("usage")).isEqualTo(direct.get("usage"));
        assertThat(streamed.body().strip()).endsWith("data: [DONE]");
    }

    @Test
    void shouldEndTheStreamWithAnErrorEventWhenTheUpstreamProcessDiesMidStream() throws Exception {
        // Given
        QuarkusService upstream = platform.startGateway("doomed-upstream", platform.worker());
        QuarkusService relayWorker = platform.startRelayWorker("crash-relay-worker", CRASH_MODEL, upstream.url(),
                key);
        QuarkusService relayGateway = platform.startGateway("crash-relay-gateway", relayWorker);
        HttpRequest request = HttpRequest.newBuilder(URI.create(relayGateway.url() + "/v1/chat/completions"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(AdminClient.json(Map.of("model", CRASH_MODEL,
                        "max_tokens", 1500, "temperature", 0, "stream", true,
                        "messages", List.of(Map.of("role", "user", "content", PROMPT))))))
                .build();
        HttpResponse<Stream<String>> response = HttpClient.newHttpClient().send(request,
                HttpResponse.BodyHandlers.ofLines());
        Iterator<String> lines = response.body().iterator();
        List<String> received = new ArrayList<>();
        while (lines.hasNext() && !hasContent(received)) {
            received.add(lines.next());
        }

        // When
        upstream.kill();
        lines.forEachRemaining(received::add);

        // Then
        List<String> data = received.stream().filter(line -> line.startsWith("data: ")).toList();
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(hasContent(received)).as("content arrived before the upstream died").isTrue();
        assertThat(data.getLast()).as("the stream ends with an error event, not [DONE]").contains("\"error\"");
        assertThat(data).noneMatch(line -> line.equals("data: [DONE]"))
                .noneMatch(line -> line.contains("\"finish_reason\":\"stop\"")
                        || line.contains("\"finish_reason\":\"length\""));
    }

    private static boolean hasContent(List<String> lines) {
        return lines.stream().anyMatch(line -> line.startsWith("data: {") && line.contains("\"content\":\"")
                && !line.contains("\"content\":\"\""));
    }

    private static JsonNode body(HttpResponse<String> response) {
        return AdminClient.expect(response, 200);
    }
}
