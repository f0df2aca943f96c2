package io.civitas.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every CIVITAS_* environment variable the chart sets names a property the service's {@code @ConfigMapping} reads.
 *
 * <p>The tables below are the exact (non-map) property keys of GatewayConfig, TenantServiceConfig, BillingConfig,
 * AuditConfig and WorkerConfig, copied from the code. Quarkus maps an environment variable to a property by upper-casing
 * it and replacing every non-alphanumeric character with '_'; a variable that matches no key of its service is silently
 * ignored, which is how the chart once drifted from the services. When a config interface gains or renames a key,
 * update its table here. Map-typed keys (the worker's civitas.worker.models.&lt;id&gt;.*) are left out: their ids may hold
 * dots and dashes, so the chart writes them to an application.properties ConfigMap instead of the environment.
 */
class ConfigKeysTest {

    static final Set<String> GATEWAY = Set.of(
            "civitas.gateway.auth.cache-ttl-seconds",
            "civitas.gateway.auth.cache-max-size",
            "civitas.gateway.auth.resolve-timeout-millis",
            "civitas.gateway.worker.addresses",
            "civitas.gateway.worker.startup-wait-millis",
            "civitas.gateway.worker.load-interval-millis",
            "civitas.gateway.worker.load-stale-millis",
            "civitas.gateway.worker.reconnect-initial-millis",
            "civitas.gateway.worker.reconnect-max-millis",
            "civitas.gateway.worker.max-attempts",
            "civitas.gateway.worker.list-models-timeout-millis",
            "civitas.gateway.worker.embed-timeout-millis",
            "civitas.gateway.worker.discovery.enabled",
            "civitas.gateway.worker.discovery.namespace",
            "civitas.gateway.worker.discovery.label-selector",
            "civitas.gateway.worker.discovery.grpc-port-name",
            "civitas.gateway.worker.discovery.grpc-port",
            "civitas.gateway.worker.discovery.resync-seconds",
            "civitas.gateway.events.usage-topic",
            "civitas.gateway.events.audit-topic",
            "civitas.gateway.events.delivery-timeout-millis",
            "civitas.gateway.events.request-timeout-millis",
            "civitas.gateway.events.max-block-millis",
            "civitas.gateway.events.spool.dir",
            "civitas.gateway.events.spool.retry-initial-millis",
            "civitas.gateway.events.spool.retry-max-millis",
            "civitas.gateway.request.body-max-bytes",
            "civitas.gateway.tenant-changes.topic",
            "civitas.gateway.budgets.topic",
            "civitas.gateway.limits.usage-topic",
            "civitas.gateway.limits.sync-interval-millis",
            "civitas.gateway.limits.replicas");

    static final Set<String> TENANT = Set.of(
            "civitas.tenant.keys.pepper",
            "civitas.tenant.keys.rotation-overlap-seconds",
            "civitas.tenant.keys.last-used-flush-seconds",
            "civitas.tenant.outbox.enabled",
            "civitas.tenant.outbox.tenant-changes-topic",
            "civitas.tenant.outbox.audit-topic",
            "civitas.tenant.outbox.transactional-id",
            "civitas.tenant.outbox.batch-size",
            "civitas.tenant.outbox.poll-interval-millis",
            "civitas.tenant.outbox.retention-hours");

    static final Set<String> BILLING = Set.of(
            "civitas.billing.usage.topic",
            "civitas.billing.usage.dead-letter-topic",
            "civitas.billing.usage.group-id",
            "civitas.billing.usage.max-batch-size",
            "civitas.billing.usage.retry-max-backoff-ms",
            "civitas.billing.tenants.topic",
            "civitas.billing.tenants.dead-letter-topic",
            "civitas.billing.tenants.group-id",
            "civitas.billing.budgets.topic",
            "civitas.billing.budgets.thresholds-percent",
            "civitas.billing.budgets.publish-interval-ms",
            "civitas.billing.pricing.default-book",
            "civitas.billing.audit.topic");

    static final Set<String> AUDIT = Set.of(
            "civitas.audit.events.topic",
            "civitas.audit.events.dead-letter-topic",
            "civitas.audit.events.group-id",
            "civitas.audit.verifier.batch-size",
            "civitas.audit.signing.private-key-file",
            "civitas.audit.signing.ephemeral-key-allowed",
            "civitas.audit.checkpoint.every-entries",
            "civitas.audit.checkpoint.interval-seconds",
            "civitas.audit.export.fetch-size",
            "civitas.audit.export.progress-every-entries",
            "civitas.audit.retention.days");

    static final Set<String> WORKER = Set.of(
            "civitas.worker.id",
            "civitas.worker.region",
            "civitas.worker.node",
            "civitas.worker.gpu",
            "civitas.worker.data-dir",
            "civitas.worker.model.id",
            "civitas.worker.model.dir",
            "civitas.worker.model.generate-if-missing",
            "civitas.worker.upstream.cache-salt-secret",
            "civitas.worker.upstream.api-key",
            "civitas.worker.upstream.connect-timeout-seconds",
            "civitas.worker.upstream.retry-seconds",
            "civitas.worker.engine.threads",
            "civitas.worker.engine.max-tokens",
            "civitas.worker.engine.queue-size",
            "civitas.worker.engine.max-sequences",
            "civitas.worker.engine.queue-timeout-seconds",
            "civitas.worker.load.interval-ms",
            "civitas.worker.load.min-interval-ms",
            "civitas.worker.drain.grace-seconds",
            "civitas.worker.gpu-discovery.command",
            "civitas.worker.gpu-discovery.timeout-seconds");

    /** Container name to the keys that service reads. */
    static final Map<String, Set<String>> KEYS = Map.of(
            "gateway", GATEWAY,
            "tenant-service", TENANT,
            "billing-service", BILLING,
            "audit-service", AUDIT,
            "inference-worker", WORKER);

    /** The environment variable Quarkus maps to a property. */
    static String envName(String property) {
        return property.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    @Test
    void everyCivitasVariableTheChartSetsNamesAPropertyTheServiceReads() {
        List<String> checked = new ArrayList<>();
        Rendered gpu = Chart.current().render(GpuValues.FILE);
        Rendered salted = Chart.current().render(List.of(), Map.of("worker.cacheSaltSecret.existingSecret", "salt"));
        for (Rendered rendered : List.of(Chart.current().render(), gpu, salted)) {
            rendered.workloads().forEach(w -> {
                for (JsonNode container : w.allContainers()) {
                    String name = container.path("name").asText();
                    // A migration Job runs its service's image: it reads that service's keys.
                    String service = name.equals("migrate")
                            ? w.name().replaceFirst("^rel-civitas-", "").replaceFirst("-migration$", "")
                            : name;
                    Set<String> keys = KEYS.get(service);
                    Set<String> known = keys == null ? Set.of()
                            : keys.stream().map(ConfigKeysTest::envName).collect(Collectors.toSet());
                    for (JsonNode env : container.path("env")) {
                        String variable = env.path("name").asText();
                        if (variable.startsWith("CIVITAS_")) {
                            assertThat(known).as("%s sets %s in container %s, which reads no such property",
                                    w.name(), variable, name).contains(variable);
                            checked.add(variable);
                        }
                    }
                }
            });
        }
        assertThat(checked).contains("CIVITAS_GATEWAY_WORKER_DISCOVERY_LABEL_SELECTOR", "CIVITAS_TENANT_KEYS_PEPPER",
                "CIVITAS_AUDIT_SIGNING_PRIVATE_KEY_FILE", "CIVITAS_WORKER_DRAIN_GRACE_SECONDS",
                "CIVITAS_WORKER_UPSTREAM_CACHE_SALT_SECRET");
    }

    @Test
    void theOldNamesTheServicesNeverReadAreCaught() {
        Set<String> known = Stream.of(GATEWAY, WORKER).flatMap(Set::stream).map(ConfigKeysTest::envName)
                .collect(Collectors.toSet());
        assertThat(known).doesNotContain("CIVITAS_GATEWAY_DISCOVERY_ENABLED", "CIVITAS_GATEWAY_DISCOVERY_LABEL_SELECTOR",
                "CIVITAS_WORKER_ENGINE_KIND", "CIVITAS_WORKER_ENGINE_UPSTREAM_URL", "CIVITAS_WORKER_ENGINE_TENSOR_PARALLEL_SIZE");
        assertThat(envName("civitas.gateway.worker.discovery.label-selector"))
                .isEqualTo("CIVITAS_GATEWAY_WORKER_DISCOVERY_LABEL_SELECTOR");
    }

    @Test
    void theWorkerModelKeysAreOnesWorkerConfigServedModelDefines() {
        Set<String> served = Set.of("engine", "dir", "generate-if-missing", "upstream-url", "upstream-model",
                "context-length", "requires-gpu", "tensor-parallel-size", "max-sequences");
        for (Rendered rendered : List.of(Chart.current().render(), Chart.current().render(GpuValues.FILE))) {
            rendered.ofKind("ConfigMap").forEach(cm -> {
                List<String> lines = cm.path("data").path("application.properties").asText().lines()
                        .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
                assertThat(lines).isNotEmpty();
                for (String line : lines) {
                    assertThat(line).as(Rendered.name(cm)).matches("civitas\\.worker\\.models\\.\"[^\"]+\"\\.[a-z-]+=.+");
                    String key = line.substring(0, line.indexOf('='));
                    assertThat(served).as(line).contains(key.substring(key.lastIndexOf('.') + 1));
                }
            });
        }
    }
}
