package io.civitas.billing;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.civitas.testsupport.KafkaResource;
import io.civitas.testsupport.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KafkaResource.class)
class HealthTest {

    @Test
    void shouldReportReadyWithDatabaseAndKafkaChecks() {
        // Given
        String readiness = "/q/health/ready";

        // When
        Response response = await().atMost(Duration.ofSeconds(30))
                .until(() -> given().when().get(readiness), ready -> ready.statusCode() == 200);

        // Then
        response.then()
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("Database connections health check", "Kafka connection health check",
                        "Billing usage consumer"));
    }
}
