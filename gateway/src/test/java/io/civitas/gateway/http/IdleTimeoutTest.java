package io.civitas.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.civitas.gateway.fakes.UpstreamServersResource;
import io.civitas.testsupport.KafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;

/** quarkus.http.idle-timeout closes a connection on which nothing is sent (1 s here; 300 s by default). */
@QuarkusTest
@TestProfile(IdleTimeoutTest.ShortIdleTimeout.class)
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(UpstreamServersResource.class)
class IdleTimeoutTest {

    private static final int READ_TIMEOUT_MILLIS = 30_000;

    /** A one-second idle timeout. */
    public static class ShortIdleTimeout implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.idle-timeout", "1S");
        }
    }

    @Test
    void shouldCloseAConnectionThatSendsNothing() throws IOException {
        // Given
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), RestAssured.port)) {
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            InputStream in = socket.getInputStream();

            // When
            int read = in.read();

            // Then
            assertThat(read).as("end of stream: the gateway closed the idle connection").isEqualTo(-1);
        }
    }
}
