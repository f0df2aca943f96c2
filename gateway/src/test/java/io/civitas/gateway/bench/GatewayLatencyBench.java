package io.civitas.gateway.bench;

import static io.civitas.gateway.fakes.FakeTenantService.ALPHA_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.civitas.api.inference.v1.ChatMessage;
import io.civitas.api.inference.v1.ChatInput;
import io.civitas.api.inference.v1.GenerateRequest;
import io.civitas.api.inference.v1.InferenceServiceGrpc;
import io.civitas.api.inference.v1.InferenceServiceGrpc.InferenceServiceBlockingStub;
import io.civitas.gateway.fakes.UpstreamServersResource;
import io.civitas.gateway.metrics.GatewayMetrics;
import io.civitas.gateway.support.Chat;
import io.civitas.testsupport.KafkaResource;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * The gateway's added latency: the same chat completion through the gateway (HTTP, key cache warm) and straight to
 * the instantly answering worker double (gRPC), in one run; prints p50/p99 and requests/s. Run with -Pbench.
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(UpstreamServersResource.class)
class GatewayLatencyBench {

    private static final int WARMUP = Integer.getInteger("bench.warmup", 2000);
    private static final int REQUESTS = Integer.getInteger("bench.requests", 5000);
    private static final int CLIENTS = Integer.getInteger("bench.clients", 8);
    private static final String BODY = Chat.body("civitas-echo", "hello", "");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<Double> overheads = new ArrayList<>();

    @Test
    void measureAddedLatency() throws Exception {
        ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", ConfigProvider.getConfig()
                .getValue("quarkus.grpc.clients.worker.test-port", Integer.class)).usePlaintext().build();
        try {
            InferenceServiceBlockingStub worker = InferenceServiceGrpc.newBlockingStub(channel);
            LongSupplier viaGateway = this::throughGateway;
            LongSupplier direct = () -> straightToWorker(worker);
            sequential(viaGateway, WARMUP);
            sequential(direct, WARMUP);
            overheads.clear();
            long[] gateway = sequential(viaGateway, REQUESTS);
            long[] workerOnly = sequential(direct, REQUESTS);
            double[] overhead = overheads.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            double gatewayRate = concurrent(viaGateway);
            double directRate = concurrent(direct);
            System.out.printf("%nGateway latency benchmark (%d sequential requests, %d warm-up; %d clients for "
                    + "throughput; %d cores)%n", REQUESTS, WARMUP, CLIENTS, Runtime.getRuntime().availableProcessors());
            System.out.printf("  via gateway (HTTP)      p50 %7.3f ms  p99 %7.3f ms  %8.0f req/s%n",
                    millis(gateway, 50), millis(gateway, 99), gatewayRate);
            System.out.printf("  direct to worker (gRPC) p50 %7.3f ms  p99 %7.3f ms  %8.0f req/s%n",
                    millis(workerOnly, 50), millis(workerOnly, 99), directRate);
            System.out.printf("  added by the gateway    p50 %7.3f ms  p99 %7.3f ms%n",
                    millis(gateway, 50) - millis(workerOnly, 50), millis(gateway, 99) - millis(workerOnly, 99));
            System.out.printf("  %s header  p50 %.3f ms  p99 %.3f ms%n", GatewayMetrics.OVERHEAD_HEADER,
                    overhead[overhead.length / 2], overhead[(int) (overhead.length * 0.99)]);
            assertThat(gateway).hasSize(REQUESTS);
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private long throughGateway() {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + RestAssured.port
                + Chat.COMPLETIONS)).header("Authorization", "Bearer " + ALPHA_KEY)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(BODY)).build();
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            long elapsed = System.nanoTime() - start;
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Gateway answered " + response.statusCode());
            }
            synchronized (overheads) {
                overheads.add(Double.parseDouble(response.headers().firstValue(GatewayMetrics.OVERHEAD_HEADER)
                        .orElse("-1")));
            }
            return elapsed;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static long straightToWorker(InferenceServiceBlockingStub worker) {
        GenerateRequest request = GenerateRequest.newBuilder().setRequestId("bench").setModel("civitas-echo")
                .setTenantId("tenant-alpha")
                .setChat(ChatInput.newBuilder()
                        .addMessages(ChatMessage.newBuilder().setRole("system").setContent("Be brief."))
                        .addMessages(ChatMessage.newBuilder().setRole("user").setContent("hello")))
                .build();
        long start = System.nanoTime();
        worker.generate(request).forEachRemaining(chunk -> {
        });
        return System.nanoTime() - start;
    }

    private static long[] sequential(LongSupplier call, int count) {
        long[] nanos = new long[count];
        for (int i = 0; i < count; i++) {
            nanos[i] = call.getAsLong();
        }
        Arrays.sort(nanos);
        return nanos;
    }

    private static double concurrent(LongSupplier call) throws Exception {
        int perClient = REQUESTS / CLIENTS;
        try (ExecutorService clients = Executors.newFixedThreadPool(CLIENTS)) {
            long start = System.nanoTime();
            List<Future<long[]>> runs = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                runs.add(clients.submit(() -> sequential(call, perClient)));
            }
            for (Future<long[]> run : runs) {
                run.get();
            }
            return perClient * CLIENTS / ((System.nanoTime() - start) / 1e9);
        }
    }

    private static double millis(long[] sortedNanos, int percentile) {
        int index = Math.min(sortedNanos.length - 1, (int) Math.ceil(sortedNanos.length * percentile / 100.0) - 1);
        return sortedNanos[index] / 1e6;
    }
}
