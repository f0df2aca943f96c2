package io.civitas.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

import io.civitas.testsupport.process.KeycloakServer;

/**
 * One request across the whole platform: real Keycloak, PostgreSQL, Kafka and the five services as processes.
 */
@ExtendWith(SharedPlatform.class)
class PlatformEndToEndTest {

    private static final String PROMPT = "Say something about sovereign clouds";

    private static Platform platform;
    private static AdminClient admin;
    private static GatewayClient gateway;

    @BeforeAll
    static void connect(Platform running) {
        platform = running;
        admin = new AdminClient(platform.tenantServiceUrl(), platform.keycloak().tokenUrl());
        gateway = new GatewayClient(platform.gatewayUrl());
    }

    @Test
    void shouldBillAndAuditExactlyOncePerStreamingAndNonStreamingCompletion() throws Exception {
        // Given
        String adminToken = admin.token(KeycloakServer.ADMIN_CLIENT, KeycloakServer.ADMIN_CLIENT_SECRET);
        String key = admin.tenantWithKey(adminToken, "ministry-of-tests", List.of(Platform.MODEL),
                List.of(Platform.REGION));

        // When
        HttpResponse<String> plain = chat(key, false);
        HttpResponse<String> streamed = chat(key, true);

        // Then
        assertThat(plain.statusCode()).as(plain.body()).isEqualTo(200);
        JsonNode completion = AdminClient.parse(plain.body());
        assertThat(completion.at("/choices/0/message/content").asText()).isNotEmpty();
        Usage plainUsage = Usage.of(completion.get("usage"));
        assertThat(plainUsage.completionTokens()).isPositive();

        assertThat(streamed.statusCode()).as(streamed.body()).isEqualTo(200);
        assertThat(streamed.headers().firstValue("content-type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/event-stream"));
        List<String> events = sseData(streamed.body());
        assertThat(events.getLast()).isEqualTo("[DONE]");
        JsonNode usageChunk = AdminClient.parse(events.get(events.size() - 2));
        Usage streamedUsage = Usage.of(usageChunk.get("usage"));
        StringBuilder streamedText = new StringBuilder();
        events.subList(0, events.size() - 2).forEach(data -> streamedText.append(
                AdminClient.parse(data).at("/choices/0/delta/content").asText("")));
        assertThat(streamedText.toString()).isEqualTo(completion.at("/choices/0/message/content").asText());
        assertThat(streamedUsage).isEqualTo(plainUsage);

        String plainId = requestId(plain);
        String streamedId = requestId(streamed);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(ledgerRows(plainId)).containsExactly(plainUsage);
            assertThat(ledgerRows(streamedId)).containsExactly(streamedUsage);
            assertThat(auditEntries(plainId)).isEqualTo(1);
            assertThat(auditEntries(streamedId)).isEqualTo(1);
        });
        assertAuditChainIntactAndFreeOf(PROMPT);
    }

    @Test
    void shouldBillCompletionsAndEmbeddingsServedByTheRealWorker() throws Exception {
        // Given
        String adminToken = admin.token(KeycloakServer.ADMIN_CLIENT, KeycloakServer.ADMIN_CLIENT_SECRET);
        String key = admin.tenantWithKey(adminToken, "agency-of-vectors", List.of(Platform.MODEL),
                List.of(Platform.REGION));

        // When
        HttpResponse<String> completion = post(key, "/v1/completions", Map.of("model", Platform.MODEL,
                "prompt", "once upon a time", "max_tokens", 8, "temperature", 0));
        HttpResponse<String> embeddings = post(key, "/v1/embeddings", Map.of("model", Platform.MODEL,
                "input", List.of("the cat sat on the mat", "a sovereign cloud")));

        // Then
        assertThat(completion.statusCode()).as(completion.body()).isEqualTo(200);
        JsonNode text = AdminClient.parse(completion.body());
        assertThat(text.at("/choices/0/text").asText()).isNotBlank();
        Usage completionUsage = Usage.of(text.get("usage"));
        assertThat(completionUsage.completionTokens()).isEqualTo(8);

        assertThat(embeddings.statusCode()).as(embeddings.body()).isEqualTo(200);
        JsonNode vectors = AdminClient.parse(embeddings.body());
        assertThat(vectors.get("data")).hasSize(2);
        for (JsonNode vector : vectors.get("data")) {
            double norm = 0;
            for (JsonNode value : vector.get("embedding")) {
                norm += value.asDouble() * value.asDouble();
            }
            assertThat(vector.get("embedding").size()).isPositive();
            assertThat(Math.sqrt(norm)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-3));
        }
        int embeddingTokens = vectors.at("/usage/prompt_tokens").asInt();
        assertThat(embeddingTokens).isPositive();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(ledgerRows(requestId(completion))).containsExactly(completionUsage);
            assertThat(ledgerRows(requestId(embeddings))).containsExactly(new Usage(embeddingTokens, 0));
        });
    }

    @Test
    void shouldAnswerWrongKeyWith401InOpenAiErrorShape() throws Exception {
        // Given
        String wrongKey = "cvk_doesnotexist_" + "x".repeat(43);

        // When
        HttpResponse<String> response = chat(wrongKey, false);

        // Then
        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        JsonNode error = AdminClient.parse(response.body()).get("error");
        assertThat(error.get("code").asText()).isEqualTo("invalid_api_key");
        assertThat(error.get("type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.get("message").asText()).isNotBlank();
    }

    @Test
    void shouldRefuseTenantCreationWithoutTokenOrPlatformAdminRole() {
        // Given
        String noRoleToken = admin.token(KeycloakServer.NO_ROLE_CLIENT, KeycloakServer.NO_ROLE_CLIENT_SECRET);

        // When
        HttpResponse<String> anonymous = admin.createTenant(null, "anonymous", List.of(Platform.MODEL), List.of());
        HttpResponse<String> withoutRole = admin.createTenant(noRoleToken, "no-role", List.of(Platform.MODEL),
                List.of());

        // Then
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(withoutRole.statusCode()).isEqualTo(403);
    }

    record Usage(int promptTokens, int completionTokens) {
        static Usage of(JsonNode usage) {
            assertThat(usage.get("total_tokens").asInt())
                    .isEqualTo(usage.get("prompt_tokens").asInt() + usage.get("completion_tokens").asInt());
            return new Usage(usage.get("prompt_tokens").asInt(), usage.get("completion_tokens").asInt());
        }
    }

    private static HttpResponse<String> chat(String key, boolean stream) {
        return gateway.chat(key, Platform.MODEL, PROMPT, stream);
    }

    private static HttpResponse<String> post(String key, String path, Map<String, Object> body) {
        return gateway.post(key, path, body);
    }

    private static String requestId(HttpResponse<String> response) {
        return GatewayClient.requestId(response);
    }

    private static List<String> sseData(String body) {
        return body.lines().filter(line -> line.startsWith("data:"))
                .map(line -> line.substring("data:".length()).strip()).toList();
    }

    private static List<Usage> ledgerRows(String requestId) throws SQLException {
        List<Usage> rows = new ArrayList<>();
        try (Connection db = platform.connect("billing"); var query = db.prepareStatement(
                "SELECT prompt_tokens, completion_tokens FROM usage_ledger WHERE request_id = ?")) {
            query.setString(1, requestId);
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    rows.add(new Usage(result.getInt(1), result.getInt(2)));
                }
            }
        }
        return rows;
    }

    private static int auditEntries(String requestId) throws SQLException {
        try (Connection db = platform.connect("audit");
                var query = db.prepareStatement("SELECT count(*) FROM audit_entry WHERE request_id = ?")) {
            query.setString(1, requestId);
            try (ResultSet result = query.executeQuery()) {
                result.next();
                return result.getInt(1);
            }
        }
    }

    /** Recomputes hash = SHA-256(prev_hash || payload) along the whole chain, from 32 zero bytes. */
    private static void assertAuditChainIntactAndFreeOf(String text) throws SQLException, NoSuchAlgorithmException {
        byte[] previous = new byte[32];
        long expectedSeq = 1;
        try (Connection db = platform.connect("audit"); Statement statement = db.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT seq, payload, prev_hash, hash FROM audit_entry ORDER BY seq")) {
            while (rows.next()) {
                byte[] payload = rows.getBytes("payload");
                assertThat(rows.getLong("seq")).isEqualTo(expectedSeq++);
                assertThat(rows.getBytes("prev_hash")).isEqualTo(previous);
                MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
                sha256.update(previous);
                byte[] hash = sha256.digest(payload);
                assertThat(rows.getBytes("hash")).isEqualTo(hash);
                assertThat(new String(payload, StandardCharsets.ISO_8859_1)).doesNotContain(text);
                previous = Arrays.copyOf(hash, hash.length);
            }
        }
        assertThat(expectedSeq).as("audit entries").isGreaterThan(2);
    }
}
