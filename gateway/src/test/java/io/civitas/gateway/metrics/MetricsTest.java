package io.civitas.gateway.metrics;

import static io.civitas.gateway.fakes.FakeTenantService.ALPHA_KEY;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.civitas.gateway.fakes.UpstreamServersResource;
import io.civitas.gateway.support.Chat;
import io.civitas.testsupport.KafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** Prometheus metrics per tenant, model, endpoint and outcome, and the overhead header on every model response. */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(UpstreamServersResource.class)
class MetricsTest {

    private static final String SUCCESS = "civitas_gateway_requests_total{endpoint=\"POST /v1/chat/completions\","
            + "model=\"civitas-echo\",outcome=\"success\",status=\"200\",tenant=\"tenant-alpha\"}";

    @Test
    void shouldCountAServedRequestByTenantModelEndpointAndOutcomeWithoutTheKey() {
        // Given
        double before = value(SUCCESS);

        // When
        assertThat(Chat.post(ALPHA_KEY, Chat.body("civitas-echo", "hello", "")).statusCode()).isEqualTo(200);

        // Then
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> value(SUCCESS) == before + 1);
        String metrics = metrics();
        assertThat(metrics).contains("civitas_gateway_tokens_total{kind=\"completion\",model=\"civitas-echo\","
                + "tenant=\"tenant-alpha\"}");
        assertThat(metrics).contains("civitas_gateway_request_duration_seconds_count{endpoint=\"POST "
                + "/v1/chat/completions\",model=\"civitas-echo\",outcome=\"success\",tenant=\"tenant-alpha\"}");
        assertThat(metrics).doesNotContain(ALPHA_KEY);
    }

    @Test
    void shouldCountARejectedRequestAsRejected() {
        // When
        Chat.post(ALPHA_KEY, Chat.body("civitas-large", "hello", ""));

        // Then
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> metrics().contains(
                "civitas_gateway_requests_total{endpoint=\"POST /v1/chat/completions\",model=\"civitas-large\","
                        + "outcome=\"rejected\",status=\"404\",tenant=\"tenant-alpha\"}"));
    }

    @Test
    void shouldTellTheGatewaysOverheadOnJsonStreamedAndRefusedAnswers() {
        // When
        Response json = Chat.post(ALPHA_KEY, Chat.body("civitas-echo", "hello", ""));
        Response stream = Chat.post(ALPHA_KEY, Chat.body("civitas-echo", "hello", "\"stream\":true"));
        Response refused = Chat.post("sk-civitas-not-a-real-key", Chat.body("civitas-echo", "hello", ""));

        // Then
        for (Response response : new Response[] {json, stream, refused}) {
            assertThat(response.header(GatewayMetrics.OVERHEAD_HEADER)).matches("\\d+\\.\\d{3}");
        }
        assertThat(metrics()).contains("civitas_gateway_overhead_seconds_count{endpoint=\"POST /v1/chat/completions\"}");
    }

    private static String metrics() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    private static double value(String series) {
        Matcher matcher = Pattern.compile(Pattern.quote(series) + " (\\S+)").matcher(metrics());
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }
}
