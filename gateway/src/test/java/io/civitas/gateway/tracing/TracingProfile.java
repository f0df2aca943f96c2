package io.civitas.gateway.tracing;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Tracing on, exported to {@link InMemorySpans} (and to an OTLP endpoint where nothing listens). */
public class TracingProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.otel.sdk.disabled", "false",
                "quarkus.otel.exporter.otlp.traces.endpoint", "http://127.0.0.1:9",
                "quarkus.otel.bsp.schedule.delay", "50ms");
    }
}
