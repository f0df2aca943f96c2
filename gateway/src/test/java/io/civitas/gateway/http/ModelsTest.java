package io.civitas.gateway.http;

import static io.civitas.gateway.fakes.FakeTenantService.ALPHA_KEY;
import static io.civitas.gateway.fakes.FakeTenantService.BETA_KEY;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.civitas.gateway.fakes.UpstreamServersResource;
import io.civitas.testsupport.KafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(UpstreamServersResource.class)
class ModelsTest {

    @Test
    void shouldListOnlyTheWorkerModelsTheKeyMayUse() {
        // When
        Response response = given().header("Authorization", "Bearer " + ALPHA_KEY).get("/v1/models");

        // Then
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.header("x-request-id")).isNotBlank();
        assertThat(response.jsonPath().getString("object")).isEqualTo("list");
        assertThat(response.jsonPath().getList("data.id")).containsExactly("civitas-echo", "civitas-mini");
        assertThat(response.jsonPath().getList("data.object")).containsOnly("model");
        assertThat(response.jsonPath().getList("data.owned_by")).containsOnly("civitas");
    }

    @Test
    void shouldListNoModelsWhenNoWorkerRunsInTheTenantsRegions() {
        // When
        Response response = given().header("Authorization", "Bearer " + BETA_KEY).get("/v1/models");

        // Then
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.jsonPath().getList("data.id")).isEmpty();
    }
}
