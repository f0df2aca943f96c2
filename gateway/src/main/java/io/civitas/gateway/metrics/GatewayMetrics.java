package io.civitas.gateway.metrics;

import java.math.BigDecimal;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import io.civitas.gateway.events.ServedRequest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.http.HttpServerResponse;

/**
 * Prometheus metrics (at /q/metrics) of the model endpoints, by tenant id, model, endpoint and outcome (never a key or
 * any text), and the {@value #OVERHEAD_HEADER} response header.
 */
@ApplicationScoped
public class GatewayMetrics {

    /** The gateway's own time on the request in milliseconds, to the microsecond ("0.412"); see {@link Overhead}. */
    public static final String OVERHEAD_HEADER = "x-civitas-gateway-overhead-ms";

    private final MeterRegistry registry;

    public GatewayMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Writes the overhead header when the response head goes out, and records it per endpoint. */
    public void timeOverhead(HttpServerResponse response, Overhead overhead, String endpoint) {
        response.headersEndHandler(ignored -> {
            long nanos = overhead.nanos();
            response.putHeader(OVERHEAD_HEADER, BigDecimal.valueOf(nanos / 1000).movePointLeft(3).toPlainString());
            Timer.builder("civitas.gateway.overhead")
                    .description("Time the gateway itself spent before the response head, excluding upstream waits")
                    .tag("endpoint", endpoint)
                    .register(registry).record(nanos, TimeUnit.NANOSECONDS);
        });
    }

    /** Counts a finished request (authenticated: it has a tenant), its duration and its tokens. */
    public void served(ServedRequest served) {
        String outcome = outcome(served);
        Counter.builder("civitas.gateway.requests")
                .description("Finished model requests")
                .tag("tenant", served.tenantId()).tag("model", served.model()).tag("endpoint", served.endpoint())
                .tag("outcome", outcome).tag("status", String.valueOf(served.httpStatus()))
                .register(registry).increment();
        Timer.builder("civitas.gateway.request.duration")
                .description("Time from the complete request to its end")
                .tag("tenant", served.tenantId()).tag("model", served.model()).tag("endpoint", served.endpoint())
                .tag("outcome", outcome)
                .register(registry).record(served.durationMillis(), TimeUnit.MILLISECONDS);
        tokens(served, "prompt", served.usage().promptTokens());
        tokens(served, "completion", served.usage().completionTokens());
    }

    private void tokens(ServedRequest served, String kind, long count) {
        if (count > 0) {
            Counter.builder("civitas.gateway.tokens")
                    .description("Tokens of finished model requests")
                    .tag("tenant", served.tenantId()).tag("model", served.model()).tag("kind", kind)
                    .register(registry).increment(count);
        }
    }

    private static String outcome(ServedRequest served) {
        return switch (served.outcome()) {
            case OUTCOME_SUCCESS -> "success";
            case OUTCOME_CANCELLED -> "cancelled";
            case OUTCOME_REJECTED -> "rejected";
            case OUTCOME_ERROR -> "error";
            default -> "unknown";
        };
    }
}
