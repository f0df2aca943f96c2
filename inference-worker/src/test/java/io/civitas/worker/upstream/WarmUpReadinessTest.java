package io.civitas.worker.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import grpc.health.v1.HealthGrpc;
import grpc.health.v1.HealthOuterClass.HealthCheckRequest;
import grpc.health.v1.HealthOuterClass.HealthCheckResponse.ServingStatus;
import io.civitas.api.inference.v1.InferenceServiceGrpc;
import io.grpc.Channel;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;

/** Readiness waits for the model's warm-up generation, which the vLLM double holds until the test lets it answer. */
@QuarkusTest
@TestProfile(WarmUpTestProfile.class)
class WarmUpReadinessTest {

    @GrpcClient("health")
    Channel channel;

    @Test
    void shouldTurnReadyOnlyOnceTheWarmUpGenerationAnswered() {
        // Given the model loaded (its upstream listed it) and its warm-up request waiting at the upstream
        await().atMost(Duration.ofSeconds(30)).until(() -> VllmResource.vllm().requests().size() == 1);
        ServingStatus whileWarmingUp = status();
        int readinessWhileWarmingUp = RestAssured.get("/q/health/ready").statusCode();

        // When
        VllmResource.releaseWarmUp();

        // Then
        assertThat(whileWarmingUp).isEqualTo(ServingStatus.NOT_SERVING);
        assertThat(readinessWhileWarmingUp).isEqualTo(503);
        assertThat(VllmResource.vllm().requests().getFirst().path("max_tokens").asInt()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(status()).isEqualTo(ServingStatus.SERVING);
            RestAssured.get("/q/health/ready").then().statusCode(200);
        });
    }

    private ServingStatus status() {
        return HealthGrpc.newBlockingStub(channel).check(HealthCheckRequest.newBuilder()
                .setService(InferenceServiceGrpc.SERVICE_NAME).build()).getStatus();
    }
}
