package io.civitas.gateway.tracing;

import static io.civitas.gateway.fakes.FakeTenantService.ALPHA_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.civitas.gateway.fakes.UpstreamServersResource;
import io.civitas.gateway.support.Chat;
import io.civitas.testsupport.KafkaResource;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * With tracing on, the gateway's HTTP server span and its gRPC call to the worker are one trace, and the worker call
 * carries that trace in its traceparent header.
 */
@QuarkusTest
@TestProfile(TracingProfile.class)
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(UpstreamServersResource.class)
class TracingTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    InMemorySpanExporter exporter;

    @BeforeEach
    void forgetEarlierSpans() {
        exporter.reset();
    }

    @Test
    void shouldTraceTheWorkerCallInTheRequestsTrace() {
        // When
        Chat.post(ALPHA_KEY, Chat.body("civitas-echo", "hello", ""));

        // Then
        SpanData server = await(SpanKind.SERVER, Chat.COMPLETIONS);
        SpanData generate = await(SpanKind.CLIENT, "InferenceService/Generate");
        assertThat(generate.getTraceId()).isEqualTo(server.getTraceId());
    }

    @Test
    void shouldSendTheTraceToTheWorkerInTraceparent() {
        // Given
        Response traced = Chat.post(ALPHA_KEY, Chat.body("civitas-echo", "hello", ""));
        String traceId = await(SpanKind.SERVER, Chat.COMPLETIONS).getTraceId();

        // When
        Response answer = Chat.post(ALPHA_KEY, Chat.body("civitas-echo",
                "traceparent " + traced.header("x-request-id"), ""));

        // Then
        assertThat(answer.jsonPath().getString("choices[0].message.content"))
                .startsWith("traceparent=00-" + traceId + "-");
    }

    private SpanData await(SpanKind kind, String nameContains) {
        return Awaitility.await().atMost(WAIT).until(() -> find(kind, nameContains), Optional::isPresent)
                .orElseThrow();
    }

    private Optional<SpanData> find(SpanKind kind, String nameContains) {
        List<SpanData> spans = exporter.getFinishedSpanItems();
        return spans.stream().filter(span -> span.getKind() == kind && span.getName().contains(nameContains))
                .findFirst();
    }
}
