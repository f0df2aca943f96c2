package io.civitas.gateway.http;

import static io.civitas.gateway.fakes.FakeTenantService.ALPHA_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.civitas.api.events.v1.Outcome;
import io.civitas.gateway.fakes.UpstreamServersResource;
import io.civitas.gateway.support.Chat;
import io.civitas.gateway.support.EventLog;
import io.civitas.gateway.support.EventLogPerTest;
import io.civitas.gateway.support.Sse;
import io.civitas.testsupport.KafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(UpstreamServersResource.class)
class StreamingTest extends EventLogPerTest {

    private static final int READ_TIMEOUT_MILLIS = 15_000;

    @Test
    void shouldStreamChunksAndEndWithDone() {
        // Given
        String body = Chat.body("civitas-echo", "hello there", "\"stream\":true");

        // When
        Response response = Chat.post(ALPHA_KEY, body);

        // Then
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("text/event-stream");
        String requestId = response.header("x-request-id");
        List<String> data = Sse.dataLines(response.asString());
        assertThat(data.getLast()).isEqualTo("[DONE]");
        List<JsonPath> chunks = data.subList(0, data.size() - 1).stream().map(JsonPath::from).toList();
        assertThat(chunks).allSatisfy(chunk -> {
            assertThat(chunk.getString("id")).isEqualTo("chatcmpl-" + requestId);
            assertThat(chunk.getString("object")).isEqualTo("chat.completion.chunk");
            assertThat(chunk.getString("model")).isEqualTo("civitas-echo");
        });
        assertThat(chunks.getFirst().getString("choices[0].delta.role")).isEqualTo("assistant");
        assertThat(chunks.stream().skip(1).map(chunk -> chunk.getString("choices[0].delta.role")))
                .containsOnlyNulls();
        assertThat(chunks.stream().map(chunk -> chunk.getString("choices[0].delta.content"))
                .filter(text -> text != null).collect(Collectors.joining())).isEqualTo("Echo: hello there");
        assertThat(chunks.getLast().getString("choices[0].finish_reason")).isEqualTo("stop");
        assertThat(chunks).noneSatisfy(chunk -> assertThat(chunk.getMap("usage")).isNotNull());
    }

    @Test
    void shouldSendAUsageChunkBeforeDoneWhenAskedTo() {
        // Given
        String body = Chat.body("civitas-echo", "hello there",
                "\"stream\":true,\"stream_options\":{\"include_usage\":true}");

        // When
        Response response = Chat.post(ALPHA_KEY, body);

        // Then
        List<String> data = Sse.dataLines(response.asString());
        assertThat(data.getLast()).isEqualTo("[DONE]");
        JsonPath usageChunk = JsonPath.from(data.get(data.size() - 2));
        assertThat(usageChunk.getList("choices")).isEmpty();
        assertThat(usageChunk.getInt("usage.prompt_tokens")).isEqualTo(8);
        assertThat(usageChunk.getInt("usage.completion_tokens")).isEqualTo(3);
        assertThat(usageChunk.getInt("usage.total_tokens")).isEqualTo(11);
        assertThat(JsonPath.from(data.get(data.size() - 3)).getString("choices[0].finish_reason")).isEqualTo("stop");
    }

    @Test
    void shouldEndTheStreamWithAnErrorEventWhenTheWorkerFailsMidStream() {
        // Given
        String body = Chat.body("civitas-echo", "fail-mid-stream", "\"stream\":true");

        // When
        Response response = Chat.post(ALPHA_KEY, body);

        // Then
        assertThat(response.statusCode()).isEqualTo(200);
        List<String> data = Sse.dataLines(response.asString());
        assertThat(data).doesNotContain("[DONE]");
        JsonPath last = JsonPath.from(data.getLast());
        assertThat(last.getString("error.type")).isEqualTo("server_error");
        assertThat(last.getString("error.code")).isEqualTo("upstream_error");
        assertThat(JsonPath.from(data.get(1)).getString("choices[0].delta.content")).isEqualTo("partial");
    }

    @Test
    void shouldAnswerAPlainErrorWhenTheWorkerFailsBeforeTheFirstChunk() {
        // Given
        String body = Chat.body("civitas-echo", "fail:UNAVAILABLE", "\"stream\":true");

        // When
        Response response = Chat.post(ALPHA_KEY, body);

        // Then
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.contentType()).startsWith("application/json");
        assertThat(response.jsonPath().getString("error.code")).isEqualTo("service_unavailable");
    }

    @Test
    void shouldCancelTheWorkerCallWhenTheClientDisconnects() throws IOException {
        // Given
        String body = Chat.body("civitas-echo", "hang", "\"stream\":true");

        // When
        String requestId = readFirstEventAndDisconnect(body);

        // Then
        EventLog.Event usage = events.await(EventLog.USAGE_TOPIC, requestId);
        assertThat(usage.envelope().getUsageRecorded().getOutcome()).isEqualTo(Outcome.OUTCOME_CANCELLED);
        assertThat(usage.envelope().getUsageRecorded().getStreamed()).isTrue();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                Chat.post(ALPHA_KEY, Chat.body("civitas-echo", "was-cancelled " + requestId, ""))
                        .jsonPath().getString("choices[0].message.content"))
                .isEqualTo("cancelled=true"));
    }

    private static String readFirstEventAndDisconnect(String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), RestAssured.port)) {
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + Chat.COMPLETIONS + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: Bearer " + ALPHA_KEY + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + bytes.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8));
            String requestId = null;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.toLowerCase(Locale.ROOT).startsWith("x-request-id:")) {
                    requestId = line.substring(line.indexOf(':') + 1).strip();
                }
                if (line.startsWith("data: ") && line.contains("waiting")) {
                    return requestId;
                }
            }
            throw new AssertionError("The stream ended before its first text chunk");
        }
    }
}
