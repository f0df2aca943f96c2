package io.civitas.testsupport.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.apache.kafka.common.Uuid;

/**
 * A Kafka broker in KRaft mode (combined broker and controller) as a separate process, from the jars that
 * {@code infra/pom.xml} resolves, on loopback and free ports.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);

    private final ManagedProcess process;
    private final int port;

    private KafkaBroker(ManagedProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Formats a fresh log directory under {@code dir} and starts the broker; returns once it serves. */
    public static KafkaBroker start(String classpath, Path dir) {
        Dirs.recreate(dir);
        int port = FreePorts.pick();
        int controllerPort = FreePorts.pick();
        Path config = writeConfig(dir, port, controllerPort);
        String java = ProjectLayout.javaExecutable();
        ManagedProcess format = ManagedProcess.start("kafka-storage-format",
                List.of(java, "-cp", classpath, "kafka.tools.StorageTool", "format", "-t",
                        Uuid.randomUuid().toString(), "-c", config.toString()),
                dir, ProjectLayout.javaEnv(), dir.resolve("format.log"));
        format.awaitExit(Duration.ofMinutes(1));
        ManagedProcess broker = ManagedProcess.start("kafka",
                List.of(java, "-Xms128m", "-Xmx512m", "-cp", classpath, "kafka.Kafka", config.toString()),
                dir, ProjectLayout.javaEnv(), dir.resolve("broker.log"));
        broker.awaitReady(START_TIMEOUT, () -> broker.logContains("Kafka Server started"));
        return new KafkaBroker(broker, port);
    }

    /** host:port for kafka.bootstrap.servers. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    private static Path writeConfig(Path dir, int port, int controllerPort) {
        String properties = """
                process.roles=broker,controller
                node.id=1
                controller.quorum.voters=1@127.0.0.1:%2$d
                listeners=PLAINTEXT://127.0.0.1:%1$d,CONTROLLER://127.0.0.1:%2$d
                advertised.listeners=PLAINTEXT://127.0.0.1:%1$d
                controller.listener.names=CONTROLLER
                listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
                inter.broker.listener.name=PLAINTEXT
                log.dirs=%3$s
                num.partitions=1
                offsets.topic.replication.factor=1
                transaction.state.log.replication.factor=1
                transaction.state.log.min.isr=1
                share.coordinator.state.topic.replication.factor=1
                share.coordinator.state.topic.min.isr=1
                group.initial.rebalance.delay.ms=0
                auto.create.topics.enable=true
                """.formatted(port, controllerPort, dir.resolve("logs"));
        try {
            return Files.writeString(dir.resolve("server.properties"), properties);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        process.close();
    }
}
