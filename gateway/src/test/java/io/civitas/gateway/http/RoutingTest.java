package io.civitas.gateway.http;

import static io.civitas.gateway.fakes.FakeTenantService.DE_KEY;
import static io.civitas.gateway.fakes.FakeTenantService.FR_KEY;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.civitas.api.events.v1.Outcome;
import io.civitas.api.events.v1.UsageRecorded;
import io.civitas.gateway.fakes.UpstreamServersResource;
import io.civitas.gateway.fakes.WorkerFleetResource;
import io.civitas.gateway.support.Chat;
import io.civitas.gateway.support.EventLog;
import io.civitas.gateway.support.EventLogPerTest;
import io.civitas.gateway.support.Sse;
import io.civitas.testsupport.KafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** Routing over several workers: residency, draining, failover before the first byte, failure after it. */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(UpstreamServersResource.class)
@QuarkusTestResource(value = WorkerFleetResource.class, restrictToAnnotatedClass = true)
class RoutingTest extends EventLogPerTest {

    WorkerFleetResource fleet;

    @Test
    void shouldNeverServeAnFrOnlyTenantInSeEvenWhenEveryFrWorkerIsBusy() {
        // Given
        String body = Chat.body("civitas-echo", "stay in france", "");

        // When
        List<Response> responses = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            responses.add(Chat.post(FR_KEY, body));
        }

        // Then
        List<String> requestIds = responses.stream().map(response -> response.header("x-request-id")).toList();
        assertThat(responses).allSatisfy(response -> {
            assertThat(response.statusCode()).isEqualTo(429);
            assertThat(response.header("retry-after")).isEqualTo("1");
            assertThat(response.jsonPath().getString("error.code")).isEqualTo("model_overloaded");
        });
        assertThat(fleet.worker("fr-busy").received()).containsAll(requestIds);
        assertThat(fleet.worker("se-idle").received()).doesNotContainAnyElementsOf(requestIds);
        UsageRecorded usage = events.await(EventLog.USAGE_TOPIC, requestIds.getFirst()).envelope().getUsageRecorded();
        assertThat(usage.getRegion()).isEqualTo("fr");
        assertThat(usage.getWorkerId()).isEqualTo("fr-busy");
        assertThat(usage.getOutcome()).isEqualTo(Outcome.OUTCOME_REJECTED);
    }

    @Test
    void shouldFailClosedWith503WhenOnlyAWorkerOutsideTheAllowedRegionsServesTheModel() {
        // Given
        String body = Chat.body("civitas-mini", "mini please", "");

        // When
        Response response = Chat.post(FR_KEY, body);

        // Then
        assertThat(response.statusCode()).isEqualTo(503);
        JsonPath error = response.jsonPath();
        assertThat(error.getString("error.code")).isEqualTo("no_worker_in_allowed_regions");
        assertThat(error.getString("error.type")).isEqualTo("server_error");
        assertThat(error.getString("error.message")).contains("civitas-mini", "allowed regions");
        assertThat(fleet.worker("se-idle").received()).doesNotContain(response.header("x-request-id"));
        assertThat(fleet.worker("fr-draining").received()).doesNotContain(response.header("x-request-id"));
    }

    @Test
    void shouldListOnlyModelsOfEligibleWorkersInTheTenantsRegions() {
        // Given
        String authorization = "Bearer " + FR_KEY;

        // When
        Response response = given().header("Authorization", authorization).get("/v1/models");

        // Then
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.jsonPath().getList("data.id", String.class)).containsExactly("civitas-echo");
    }

    @Test
    void shouldFailOverToAnotherWorkerBeforeTheFirstByte() {
        // Given
        String body = Chat.body("civitas-echo", "try again elsewhere", "");

        // When
        Response response = Chat.post(DE_KEY, body);

        // Then
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.jsonPath().getString("choices[0].message.content")).isEqualTo("Echo: try again elsewhere");
        String requestId = response.header("x-request-id");
        assertThat(fleet.worker("de-down").received()).contains(requestId);
        UsageRecorded usage = events.await(EventLog.USAGE_TOPIC, requestId).envelope().getUsageRecorded();
        assertThat(usage.getWorkerId()).isEqualTo("de-ok");
        assertThat(usage.getOutcome()).isEqualTo(Outcome.OUTCOME_SUCCESS);
    }

    @Test
    void shouldEndTheStreamWithAnErrorEventAndBillTheDeliveredTokensWhenAWorkerFailsMidStream() {
        // Given
        String body = Chat.body("civitas-echo", "fail-mid-stream", "\"stream\":true");

        // When
        Response response = Chat.post(DE_KEY, body);

        // Then
        assertThat(response.statusCode()).isEqualTo(200);
        List<String> data = Sse.dataLines(response.asString());
        assertThat(data).doesNotContain("[DONE]");
        assertThat(JsonPath.from(data.get(1)).getString("choices[0].delta.content")).isEqualTo("partial");
        JsonPath last = JsonPath.from(data.getLast());
        assertThat(last.getString("error.type")).isEqualTo("server_error");
        assertThat(last.getString("error.code")).isEqualTo("upstream_error");
        assertThat(last.getString("error.message")).isNotBlank();
        UsageRecorded usage = events.await(EventLog.USAGE_TOPIC, response.header("x-request-id"))
                .envelope().getUsageRecorded();
        assertThat(usage.getOutcome()).isEqualTo(Outcome.OUTCOME_ERROR);
        assertThat(usage.getCompletionTokens()).isEqualTo(1);
        assertThat(usage.getWorkerId()).isEqualTo("de-ok");
        assertThat(usage.getStreamed()).isTrue();
    }
}
