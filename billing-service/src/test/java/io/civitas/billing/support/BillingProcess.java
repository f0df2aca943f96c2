package io.civitas.billing.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;

import io.civitas.testsupport.process.FreePorts;
import io.civitas.testsupport.process.Http;

/** The packaged billing-service ({@code target/quarkus-app/quarkus-run.jar}) as a child process. */
public final class BillingProcess implements AutoCloseable {

    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");

    private final Process process;
    private final int port;

    private BillingProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts the service with {@code config} as system properties, appending its output to {@code log}. */
    public static BillingProcess start(Map<String, String> config, Path log) throws IOException {
        Files.createDirectories(log.getParent());
        int port = FreePorts.pick();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Dquarkus.http.host=127.0.0.1");
        command.add("-Dquarkus.http.port=" + port);
        config.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", JAR.toAbsolutePath().toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        return new BillingProcess(process, port);
    }

    /** Waits until /q/health/ready answers 200 (database, Kafka and the usage consumer up). */
    public BillingProcess awaitReady(Duration timeout) {
        Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(250)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("billing-service exited with " + process.exitValue());
            }
            return Http.isOk(url() + "/q/health/ready");
        });
        return this;
    }

    /** The HTTP status of GET {@code path} without credentials. */
    public int status(String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url() + path)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** SIGKILL: no shutdown hook, no offset commit, no goodbye. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
