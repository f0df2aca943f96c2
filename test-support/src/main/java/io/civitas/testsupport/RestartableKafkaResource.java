package io.civitas.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.kafka.common.Uuid;

import io.civitas.testsupport.process.FreePorts;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;

/**
 * A real Kafka broker (KRaft, in this JVM) that a test can stop and start again on the same address, with the same
 * cluster id and log directory, as when a broker goes away and comes back. It sets {@code kafka.bootstrap.servers},
 * starting after other resources ({@link #order()}) so that it wins over {@link KafkaResource}, and injects itself
 * into a test field of this type. Restrict it to the test class that needs it.
 */
public class RestartableKafkaResource implements QuarkusTestResourceLifecycleManager {

    private static final int AFTER_OTHER_RESOURCES = 100;

    private int kafkaPort;
    private int controllerPort;
    private String clusterId;
    private Path logDir;
    private String advertised;
    private EmbeddedKafkaBroker broker;

    @Override
    public Map<String, String> start() {
        kafkaPort = FreePorts.pick();
        controllerPort = FreePorts.pick();
        clusterId = Uuid.randomUuid().toString();
        try {
            logDir = Files.createTempDirectory("civitas-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create the broker's log directory", e);
        }
        startBroker();
        advertised = broker.getAdvertisedListeners().replace("PLAINTEXT://", "");
        return Map.of("kafka.bootstrap.servers", bootstrapServers());
    }

    /** Starts the broker (again) on the same ports with the same data. */
    public synchronized void startBroker() {
        broker = new EmbeddedKafkaBroker()
                .withNodeId(1)
                .withKafkaPort(kafkaPort)
                .withControllerPort(controllerPort)
                .withClusterId(clusterId)
                .withDeleteLogDirsOnClose(false)
                .withAdditionalProperties(properties -> properties.put("log.dir", logDir.toString()))
                .start();
    }

    /** Stops the broker; its address refuses connections until {@link #startBroker()}. */
    public synchronized void stopBroker() {
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }

    /** The broker's address as host:port, the same across restarts. */
    public String bootstrapServers() {
        return advertised;
    }

    @Override
    public int order() {
        return AFTER_OTHER_RESOURCES;
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(this, new TestInjector.MatchesType(RestartableKafkaResource.class));
    }

    @Override
    public void stop() {
        stopBroker();
        if (logDir != null) {
            try (Stream<Path> files = Files.walk(logDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException("Could not delete " + logDir, e);
            }
        }
    }
}
