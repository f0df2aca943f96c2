package io.civitas.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

import io.civitas.testsupport.process.KeycloakServer;
import io.civitas.testsupport.process.QuarkusService;

/**
 * The worker's openai-upstream engine against a real OpenAI-compatible server process, as it runs against vLLM on
 * GPU nodes: a second worker relays its model to the platform's gateway (streaming, usage from the usage chunk),
 * and a second gateway serves that worker. The relayed answer must be the upstream's, token for token.
 */
@ExtendWith(SharedPlatform.class)
class UpstreamRelaySystemTest {

    private static final String RELAY_MODEL = "relay-tiny";
    private static final String PROMPT = "Relay this through an OpenAI-compatible server";

    @Test
    void shouldRelayTheUpstreamsAnswerAndUsageExactly(Platform platform) {
        // Given
        AdminClient admin = new AdminClient(platform.tenantServiceUrl(), platform.keycloak().tokenUrl());
        String token = admin.token(KeycloakServer.ADMIN_CLIENT, KeycloakServer.ADMIN_CLIENT_SECRET);
        String tenantId = AdminClient.expect(admin.createTenant(token, "relay-" + UUID.randomUUID(),
                List.of(Platform.MODEL, RELAY_MODEL), List.of(Platform.REGION)), 201).get("id").asText();
        String key = AdminClient.expect(admin.createKey(token, tenantId, "relay-key"), 201).get("key").asText();
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

    private static JsonNode body(HttpResponse<String> response) {
        return AdminClient.expect(response, 200);
    }
}
