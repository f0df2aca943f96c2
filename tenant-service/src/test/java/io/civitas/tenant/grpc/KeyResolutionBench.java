package io.civitas.tenant.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import io.civitas.api.tenant.v1.KeyResolutionServiceGrpc.KeyResolutionServiceBlockingStub;
import io.civitas.api.tenant.v1.ResolveKeyRequest;
import io.civitas.tenant.support.AdminApi;
import io.civitas.testsupport.KafkaResource;
import io.civitas.testsupport.PostgresResource;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/**
 * ResolveKey latency over loopback gRPC with a warm database: prints p50/p90/p99/max. Runs only with
 * {@code -Pbench}; asserts correctness, never timings.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(KafkaResource.class)
class KeyResolutionBench {

    private static final int WARM_UP = Integer.getInteger("bench.warmup", 30_000);
    private static final int MEASURED = Integer.getInteger("bench.requests", 20_000);

    @GrpcClient("keys")
    KeyResolutionServiceBlockingStub keys;

    @Test
    void measureResolveKeyLatency() {
        // Given
        String tenantId = AdminApi.createTenant(AdminApi.uniqueName("bench"),
                List.of("civitas-tiny", "civitas-small", "llama-70b"), List.of("local", "eu"));
        ResolveKeyRequest request = ResolveKeyRequest.newBuilder()
                .setApiKey(AdminApi.createKey(tenantId, "bench").get("key")).build();
        for (int i = 0; i < WARM_UP; i++) {
            keys.resolveKey(request);
        }

        // When
        long[] nanos = new long[MEASURED];
        for (int i = 0; i < MEASURED; i++) {
            long start = System.nanoTime();
            String resolvedTenant = keys.resolveKey(request).getTenantId();
            nanos[i] = System.nanoTime() - start;
            assertThat(resolvedTenant).isEqualTo(tenantId);
        }

        // Then
        Arrays.sort(nanos);
        System.out.printf(Locale.ROOT, "ResolveKey over loopback gRPC, %d calls after %d warm-up, sequential: "
                + "p50=%.3f ms p90=%.3f ms p99=%.3f ms p99.9=%.3f ms max=%.3f ms%n", MEASURED, WARM_UP,
                millis(nanos, 0.50), millis(nanos, 0.90), millis(nanos, 0.99), millis(nanos, 0.999),
                nanos[nanos.length - 1] / 1e6);
    }

    private static double millis(long[] sorted, double quantile) {
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }
}
