package io.civitas.gateway.changes;

import static io.civitas.gateway.fakes.FakeTenantService.REVOCABLE_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.civitas.api.events.v1.TenantChanged;
import io.civitas.gateway.fakes.UpstreamServersResource;
import io.civitas.gateway.support.Chat;
import io.civitas.gateway.support.Events;
import io.civitas.testsupport.KafkaResource;
import io.civitas.testsupport.KafkaTestClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** A key revoked at tenant-service stops working at the gateway within 5 s of the TenantChanged event. */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(UpstreamServersResource.class)
class RevocationTest {

    private static final String TOPIC = "civitas.tenant-changes.v1";
    private static final Duration REQUIRED = Duration.ofSeconds(5);

    @Inject
    TenantChangesListener listener;

    @Test
    void shouldDropACachedKeyWithin5SecondsOfItsRevocationEvent() throws Exception {
        // Given
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(listener::isFollowing);
        String body = Chat.body("civitas-echo", "hello", "");
        assertThat(Chat.post(REVOCABLE_KEY, body).statusCode()).isEqualTo(200);
        assertThat(Chat.post("revoke:" + REVOCABLE_KEY, body).statusCode()).isEqualTo(401);
        assertThat(Chat.post(REVOCABLE_KEY, body).statusCode()).as("still cached").isEqualTo(200);

        // When
        try (KafkaTestClient kafka = new KafkaTestClient()) {
            kafka.send(TOPIC, "tenant-delta", Events.tenantChanged("tenant-delta",
                    TenantChanged.Change.KEY_REVOKED, "key-revocable").toByteArray());
        }

        // Then
        Awaitility.await().atMost(REQUIRED).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            Response response = Chat.post(REVOCABLE_KEY, body);
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.jsonPath().getString("error.code")).isEqualTo("invalid_api_key");
        });
    }
}
