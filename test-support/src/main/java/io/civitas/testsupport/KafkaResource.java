package io.civitas.testsupport;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;

/**
 * A real Kafka broker (KRaft, in this JVM) on a free loopback port, for module tests.
 * Use with {@code @QuarkusTestResource(KafkaResource.class)}; it sets {@code kafka.bootstrap.servers}.
 */
public class KafkaResource implements QuarkusTestResourceLifecycleManager {

    private EmbeddedKafkaBroker broker;

    @Override
    public Map<String, String> start() {
        broker = new EmbeddedKafkaBroker().withDeleteLogDirsOnClose(true).start();
        return Map.of("kafka.bootstrap.servers", bootstrapServers());
    }

    /** The broker's address as host:port. */
    public String bootstrapServers() {
        return broker.getAdvertisedListeners().replace("PLAINTEXT://", "");
    }

    @Override
    public void stop() {
        if (broker != null) {
            broker.close();
        }
    }
}
