package io.civitas.gateway.http;

import static io.civitas.gateway.fakes.FakeTenantService.ALPHA_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import io.civitas.gateway.fakes.UpstreamServersResource;
import io.civitas.gateway.support.Chat;
import io.civitas.gateway.support.RawHttp;
import io.civitas.testsupport.KafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** The default body limit is 1 MiB (civitas.gateway.request.body-max-bytes); headers are limited to 16 KiB. */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(UpstreamServersResource.class)
class RequestLimitsTest {

    private static final int LIMIT = 1024 * 1024;
    private static final int CHUNK = 64 * 1024;

    @Test
    void shouldAnswer413ForADeclaredLargeBodyBeforeItIsSent() throws IOException {
        // Given
        String head = head(Chat.COMPLETIONS, "Content-Length: " + (LIMIT + 1));

        // When
        RawHttp.Reply reply = RawHttp.send(head, new byte[0]);

        // Then
        assertTooLarge(reply);
    }

    @Test
    void shouldAnswer413ForAChunkedBodyOnceItPassesTheLimit() throws IOException {
        // Given
        String head = head(Chat.EMBEDDINGS, "Transfer-Encoding: chunked");
        byte[] body = concat(RawHttp.chunks(LIMIT / CHUNK, CHUNK), RawHttp.chunks(1, 1));

        // When
        RawHttp.Reply reply = RawHttp.send(head, body);

        // Then
        assertTooLarge(reply);
    }

    @Test
    void shouldServeABodyJustUnderTheLimit() {
        // Given
        String padding = "x".repeat(LIMIT - 1024);
        String body = Chat.promptBody("civitas-echo", "hello", "\"user\":\"" + padding + "\"");

        // When
        Response response = Chat.post(Chat.TEXT_COMPLETIONS, ALPHA_KEY, body);

        // Then
        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void shouldRefuseHeadersLargerThan16KiBBeforeRouting() throws IOException {
        // Given
        String head = modelsHeadWithPadding(17 * 1024);

        // When
        RawHttp.Reply reply = RawHttp.send(head, new byte[0]);

        // Then
        assertThat(reply.status()).isEqualTo(431);
    }

    @Test
    void shouldServeHeadersJustUnderTheLimit() throws IOException {
        // Given
        String head = modelsHeadWithPadding(15 * 1024);

        // When
        RawHttp.Reply reply = RawHttp.send(head, new byte[0]);

        // Then
        assertThat(reply.status()).isEqualTo(200);
    }

    private static String modelsHeadWithPadding(int paddingBytes) {
        return "GET /v1/models HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + ALPHA_KEY
                + "\r\nX-Padding: " + "x".repeat(paddingBytes) + "\r\nConnection: close\r\n\r\n";
    }

    private static String head(String path, String lengthHeader) {
        return "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + ALPHA_KEY
                + "\r\nContent-Type: application/json\r\n" + lengthHeader + "\r\n\r\n";
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    private static void assertTooLarge(RawHttp.Reply reply) {
        assertThat(reply.status()).isEqualTo(413);
        assertThat(reply.headers().get("content-type")).startsWith("application/json");
        assertThat(reply.headers().get("x-request-id")).isNotBlank();
        JsonPath json = JsonPath.from(reply.body());
        assertThat(json.getMap("error")).containsOnlyKeys("message", "type", "param", "code");
        assertThat(json.getString("error.type")).isEqualTo("invalid_request_error");
        assertThat(json.getString("error.code")).isEqualTo("request_too_large");
    }
}
