package io.civitas.worker.lifecycle;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
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

import io.grpc.ManagedChannel;

/** Starts the packaged worker ({@code target/quarkus-app/quarkus-run.jar}) as a real process, its log in a file. */
final class PackagedWorker {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");

    private PackagedWorker() {
    }

    /**
     * Starts the worker with {@code properties} as system properties, logging to {@code work/worker.log}.
     *
     * @param work the run's directory (created)
     */
    static Process start(Path work, Map<String, String> properties) throws IOException {
        Files.createDirectories(work);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "--add-modules", "jdk.incubator.vector"));
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", JAR.toAbsolutePath().toString()));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log(work).toFile()).start();
    }

    /** The log of a run in {@code work}. */
    static Path log(Path work) {
        return work.resolve("worker.log");
    }

    /** The status of the worker's /q/health/ready on {@code port}, or -1 when it does not answer. */
    static int readiness(int port) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(5)).build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Closes {@code channel} and kills {@code worker} if still running; either may be null. */
    static void stop(Process worker, ManagedChannel channel) {
        if (channel != null) {
            channel.shutdownNow();
        }
        if (worker != null && worker.isAlive()) {
            worker.destroyForcibly();
        }
    }

    /** A free loopback port. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
