package io.civitas.gateway.isolation;

import static io.civitas.gateway.fakes.FakeTenantService.ISOLATED_A_KEY;
import static io.civitas.gateway.fakes.FakeTenantService.ISOLATED_B_KEY;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.civitas.gateway.fakes.UpstreamServersResource;
import io.civitas.gateway.support.ApiErrors;
import io.civitas.gateway.support.Chat;
import io.civitas.testsupport.KafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A key of tenant A can never see or use what belongs to tenant B: B's models, or B's share of the limits. Tenant
 * iso-a is entitled to civitas-echo and civitas-mini and may make one request a minute; iso-b is entitled only to
 * civitas-echo and may make two.
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(UpstreamServersResource.class)
class TenantIsolationTest {

    @Test
    void shouldKeepEachTenantToItsOwnModelsAndLimits() {
        // Given
        String echo = Chat.body("civitas-echo", "hello", "");

        // When
        var bModels = given().header("Authorization", "Bearer " + ISOLATED_B_KEY).get("/v1/models");
        var aFirst = Chat.post(ISOLATED_A_KEY, echo);
        var aSecond = Chat.post(ISOLATED_A_KEY, echo);
        var bFirst = Chat.post(ISOLATED_B_KEY, echo);
        var bOnAModel = Chat.post(ISOLATED_B_KEY, Chat.body("civitas-mini", "hello", ""));

        // Then
        assertThat(bModels.statusCode()).isEqualTo(200);
        assertThat(bModels.jsonPath().getList("data.id", String.class)).containsExactly("civitas-echo");
        assertThat(aFirst.statusCode()).isEqualTo(200);
        ApiErrors.assertError(aSecond, 429, "requests", "rate_limit_exceeded");
        assertThat(bFirst.statusCode()).as("tenant A's spent limit is not tenant B's").isEqualTo(200);
        ApiErrors.assertError(bOnAModel, 404, "invalid_request_error", "model_not_found");
    }
}
