package io.civitas.testsupport.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Where things are in a checkout: the root, the services' packaged applications, and the servers that
 * {@code infra/pom.xml} resolves from Maven Central (Keycloak distribution, Kafka broker classpath).
 */
public record ProjectLayout(Path root) {

    /** Finds the checkout root by walking up from the working directory to the folder holding {@code mvnw}. */
    public static ProjectLayout locate() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isRegularFile(dir.resolve("mvnw")) && Files.isRegularFile(dir.resolve("infra/pom.xml"))) {
                return new ProjectLayout(dir);
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("Not inside a Civitas checkout: " + Path.of("").toAbsolutePath());
    }

    /** The packaged application of a service module, e.g. {@code gateway}. */
    public Path quarkusApp(String module) {
        Path jar = root.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build first (./mvnw install -DskipTests)");
        }
        return jar;
    }

    /** Resolves the infra servers from Maven Central into {@code infra/target}, once. */
    public Path infraReady() {
        Path target = root.resolve("infra/target");
        if (!Files.isRegularFile(target.resolve("kafka.classpath")) || !Files.isDirectory(keycloakHome())) {
            run(List.of(root.resolve("mvnw").toString(), "-B", "-q", "-f", root.resolve("infra/pom.xml").toString(),
                    "generate-resources"));
        }
        return target;
    }

    /** The unpacked Keycloak distribution. */
    public Path keycloakHome() {
        return root.resolve("infra/target/keycloak");
    }

    /** The Kafka broker's classpath. */
    public String kafkaClasspath() {
        try {
            return Files.readString(infraReady().resolve("kafka.classpath")).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Scratch space for a run: logs and data directories. */
    public Path runDir(String name) {
        try {
            return Files.createDirectories(root.resolve("target/" + name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).directory(root.toFile()).inheritIO().start();
            if (!process.waitFor(20, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException("Failed: " + String.join(" ", command));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The environment for child JVMs: this JVM's Java. */
    public static Map<String, String> javaEnv() {
        return Map.of("JAVA_HOME", System.getProperty("java.home"));
    }

    /** This JVM's java executable. */
    public static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
