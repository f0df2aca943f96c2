package io.civitas.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The chart rendered with its default values and with the GPU example: security, upgrades, images, probes. */
class RenderedChartTest {

    static final List<String> CORE = List.of("gateway", "tenant-service", "billing-service", "audit-service");
    static final List<String> DATABASE_OWNERS = List.of("tenant-service", "billing-service", "audit-service");

    static Rendered defaults;
    static Rendered gpu;

    @BeforeAll
    static void render() {
        defaults = Chart.current().render();
        gpu = Chart.current().render(GpuValues.FILE);
    }

    @Test
    void everyPodRunsUnderTheRestrictedSecurityProfile() {
        for (Rendered rendered : List.of(defaults, gpu)) {
            assertThat(rendered.workloads()).hasSizeGreaterThanOrEqualTo(CORE.size() + 1 + DATABASE_OWNERS.size() + 1);
            rendered.workloads().forEach(w -> {
                JsonNode pod = w.podSpec();
                assertThat(pod.path("securityContext").path("runAsNonRoot").asBoolean()).as(w.name()).isTrue();
                assertThat(pod.path("securityContext").path("seccompProfile").path("type").asText()).as(w.name())
                        .isEqualTo("RuntimeDefault");
                assertThat(pod.path("hostNetwork").asBoolean(false)).isFalse();
                assertThat(pod.path("hostPID").asBoolean(false)).isFalse();
                assertThat(pod.path("hostIPC").asBoolean(false)).isFalse();
                for (JsonNode container : w.allContainers()) {
                    String id = w.name() + "/" + container.path("name").asText();
                    JsonNode sc = container.path("securityContext");
                    assertThat(sc.path("allowPrivilegeEscalation").isBoolean()).as(id).isTrue();
                    assertThat(sc.path("allowPrivilegeEscalation").asBoolean()).as(id).isFalse();
                    assertThat(sc.path("privileged").asBoolean(false)).as(id).isFalse();
                    assertThat(sc.path("readOnlyRootFilesystem").asBoolean()).as(id).isTrue();
                    assertThat(sc.path("runAsNonRoot").asBoolean()).as(id).isTrue();
                    assertThat(sc.path("capabilities").path("drop")).as(id).extracting(JsonNode::asText).containsExactly("ALL");
                    assertThat(sc.path("capabilities").has("add")).as(id).isFalse();
                    assertThat(sc.path("seccompProfile").path("type").asText()).as(id).isEqualTo("RuntimeDefault");
                }
            });
        }
    }

    @Test
    void secretsAreReferencedNeverInlined() {
        for (Rendered rendered : List.of(defaults, gpu)) {
            assertThat(rendered.ofKind("Secret")).isEmpty();
            // The only ConfigMaps are the worker pools' model settings, which hold no secret.
            rendered.ofKind("ConfigMap").forEach(cm -> {
                assertThat(Rendered.name(cm)).startsWith("rel-civitas-worker-");
                assertThat(cm.path("data").path("application.properties").asText())
                        .doesNotContainIgnoringCase("secret").doesNotContainIgnoringCase("api-key").doesNotContainIgnoringCase("pepper");
            });
            rendered.workloads().flatMap(w -> w.allContainers().stream()).forEach(container -> {
                for (JsonNode env : container.path("env")) {
                    String name = env.path("name").asText();
                    if (name.matches(".*(PASSWORD|PEPPER|SECRET|TOKEN|API_KEY).*")) {
                        assertThat(env.has("value")).as(name + " must come from a Secret").isFalse();
                        assertThat(env.path("valueFrom").has("secretKeyRef")).as(name).isTrue();
                    }
                }
            });
        }
        var tenant = defaults.workload("Deployment", "rel-civitas-tenant-service");
        JsonNode pepper = tenant.envEntry("tenant-service", "CIVITAS_TENANT_KEYS_PEPPER").path("valueFrom").path("secretKeyRef");
        assertThat(pepper.path("name").asText()).isEqualTo("civitas-tenant-pepper");
        assertThat(pepper.path("key").asText()).isEqualTo("pepper");
        assertThat(tenant.envEntry("tenant-service", "QUARKUS_DATASOURCE_PASSWORD").path("valueFrom").path("secretKeyRef")
                .path("name").asText()).isEqualTo("civitas-tenant-db");
        // The audit signing key: a file from a Secret, mounted read-only, in the Deployment and the migration Job.
        for (var audit : List.of(defaults.workload("Deployment", "rel-civitas-audit-service"),
                defaults.workload("Job", "rel-civitas-audit-service-migration"))) {
            String container = audit.object().path("kind").asText().equals("Job") ? "migrate" : "audit-service";
            assertThat(audit.env(container, "CIVITAS_AUDIT_SIGNING_PRIVATE_KEY_FILE")).contains("/etc/civitas/audit-signing/signing-key.pem");
            assertThat(audit.volume("signing-key").path("secret").path("secretName").asText()).isEqualTo("civitas-audit-signing");
            assertThat(audit.container(container).path("volumeMounts").findParents("name").stream()
                    .filter(m -> m.path("name").asText().equals("signing-key"))
                    .allMatch(m -> m.path("readOnly").asBoolean() && m.path("mountPath").asText().equals("/etc/civitas/audit-signing")))
                    .isTrue();
        }
        // The worker's prefix-cache salt secret, when given, comes from a Secret too.
        var salted = Chart.current().render(List.of(), Map.of("worker.cacheSaltSecret.existingSecret", "civitas-cache-salt"))
                .workload("Deployment", "rel-civitas-worker-cpu-tiny");
        JsonNode salt = salted.envEntry("inference-worker", "CIVITAS_WORKER_UPSTREAM_CACHE_SALT_SECRET").path("valueFrom").path("secretKeyRef");
        assertThat(salt.path("name").asText()).isEqualTo("civitas-cache-salt");
        assertThat(salt.path("key").asText()).isEqualTo("cache-salt");
        assertThat(defaults.workload("Deployment", "rel-civitas-worker-cpu-tiny").container("inference-worker").path("env")
                .findValuesAsText("name")).doesNotContain("CIVITAS_WORKER_UPSTREAM_CACHE_SALT_SECRET");
    }

    @Test
    void onlyTheGatewayWithDiscoveryGetsAnApiTokenAndItsRoleOnlyListsAndWatchesPods() {
        // Defaults: no discovery, no RBAC, no token anywhere.
        assertThat(defaults.ofKind("Role")).isEmpty();
        assertThat(defaults.ofKind("ClusterRole")).isEmpty();
        assertThat(defaults.workloads()).allSatisfy(w ->
                assertThat(w.podSpec().path("automountServiceAccountToken").asBoolean(true)).as(w.name()).isFalse());

        // GPU example: discovery on.
        assertThat(gpu.ofKind("ClusterRole")).isEmpty();
        assertThat(gpu.ofKind("ClusterRoleBinding")).isEmpty();
        JsonNode role = gpu.get("Role", "rel-civitas-gateway-worker-discovery");
        assertThat(role.path("rules")).hasSize(1);
        Map<String, String> granted = new java.util.TreeMap<>();
        for (JsonNode rule : role.path("rules")) {
            List<String> verbs = new java.util.ArrayList<>();
            rule.path("verbs").forEach(v -> verbs.add(v.asText()));
            assertThat(verbs).containsExactlyInAnyOrder("list", "watch");
            assertThat(rule.has("resourceNames")).isFalse();
            rule.path("resources").forEach(r -> granted.put(rule.path("apiGroups").get(0).asText() + "/" + r.asText(), ""));
        }
        assertThat(granted).containsOnlyKeys("/pods");
        JsonNode binding = gpu.get("RoleBinding", "rel-civitas-gateway-worker-discovery");
        assertThat(binding.path("roleRef").path("name").asText()).isEqualTo("rel-civitas-gateway-worker-discovery");
        assertThat(binding.path("subjects")).hasSize(1);
        assertThat(binding.path("subjects").get(0).path("kind").asText()).isEqualTo("ServiceAccount");
        assertThat(binding.path("subjects").get(0).path("name").asText()).isEqualTo("rel-civitas-gateway");
        gpu.workloads().forEach(w -> assertThat(w.podSpec().path("automountServiceAccountToken").asBoolean(true))
                .as(w.name()).isEqualTo(w.name().equals("rel-civitas-gateway")));
        var gateway = gpu.workload("Deployment", "rel-civitas-gateway");
        assertThat(gateway.podSpec().path("serviceAccountName").asText()).isEqualTo("rel-civitas-gateway");
        assertThat(gateway.env("gateway", "CIVITAS_GATEWAY_WORKER_DISCOVERY_ENABLED")).contains("true");
        assertThat(gateway.env("gateway", "CIVITAS_GATEWAY_WORKER_DISCOVERY_LABEL_SELECTOR"))
                .contains("app.kubernetes.io/instance=rel,app.kubernetes.io/component=inference-worker");
        assertThat(gateway.envEntry("gateway", "CIVITAS_GATEWAY_WORKER_DISCOVERY_NAMESPACE").path("valueFrom").path("fieldRef")
                .path("fieldPath").asText()).isEqualTo("metadata.namespace");
        assertThat(gateway.env("gateway", "CIVITAS_GATEWAY_WORKER_DISCOVERY_GRPC_PORT_NAME")).contains("grpc");
        assertThat(gateway.env("gateway", "CIVITAS_GATEWAY_WORKER_DISCOVERY_GRPC_PORT")).contains("8091");
        // Every worker container names its gRPC port as the gateway expects.
        gpu.workloads().filter(w -> w.name().contains("-worker-")).forEach(w -> assertThat(w.container("inference-worker")
                .path("ports").findValuesAsText("name")).as(w.name()).contains("grpc"));
        // The selector the gateway is given really selects the worker pods.
        gpu.workloads().filter(w -> w.name().contains("-worker-")).forEach(w -> assertThat(w.podMetadata().path("labels")
                .path("app.kubernetes.io/component").asText()).isEqualTo("inference-worker"));
    }

    @Test
    void migrationsAreHookJobsThatRunBeforeAnythingElseAndTheServicesOnlyValidate() {
        List<JsonNode> hooks = defaults.objects().stream().filter(o -> !Rendered.hook(o).isEmpty())
                .map(JsonNode.class::cast).toList();
        List<JsonNode> migrations = defaults.ofKind("Job").map(JsonNode.class::cast).toList();
        assertThat(migrations).extracting(Rendered::name).containsExactlyInAnyOrder(
                "rel-civitas-tenant-service-migration", "rel-civitas-billing-service-migration",
                "rel-civitas-audit-service-migration");
        int latestMigrationWeight = migrations.stream().mapToInt(Rendered::hookWeight).max().orElseThrow();
        for (JsonNode job : migrations) {
            assertThat(Set.of(Rendered.hook(job).split(","))).isEqualTo(Set.of("pre-install", "pre-upgrade"));
            assertThat(job.path("metadata").path("annotations").path("helm.sh/hook-delete-policy").asText())
                    .isEqualTo("before-hook-creation");
            assertThat(job.path("spec").path("template").path("spec").path("restartPolicy").asText()).isEqualTo("Never");
            assertThat(job.path("spec").path("activeDeadlineSeconds").asInt()).isPositive();
        }
        // Every other pre-install/pre-upgrade hook that runs pods comes after the migrations; the only earlier hook
        // is the migrations' own ServiceAccount.
        for (JsonNode hook : hooks) {
            boolean preHook = Rendered.hook(hook).contains("pre-install") || Rendered.hook(hook).contains("pre-upgrade");
            if (preHook && !migrations.contains(hook)) {
                assertThat(hook.path("kind").asText()).as(Rendered.name(hook)).isEqualTo("ServiceAccount");
                assertThat(Rendered.hookWeight(hook)).isLessThan(latestMigrationWeight);
            }
        }
        JsonNode migrationSa = defaults.get("ServiceAccount", "rel-civitas-migrations");
        for (String service : DATABASE_OWNERS) {
            var job = defaults.workload("Job", "rel-civitas-" + service + "-migration");
            assertThat(job.podSpec().path("serviceAccountName").asText()).isEqualTo(Rendered.name(migrationSa));
            assertThat(job.env("migrate", "QUARKUS_INIT_AND_EXIT")).contains("true");
            assertThat(job.env("migrate", "QUARKUS_FLYWAY_MIGRATE_AT_START")).contains("true");
            var deployment = defaults.workload("Deployment", "rel-civitas-" + service);
            assertThat(job.container("migrate").path("image")).isEqualTo(deployment.container(service).path("image"));
            assertThat(job.env("migrate", "QUARKUS_DATASOURCE_JDBC_URL"))
                    .isEqualTo(deployment.env(service, "QUARKUS_DATASOURCE_JDBC_URL"));
            assertThat(deployment.env(service, "QUARKUS_FLYWAY_MIGRATE_AT_START")).contains("false");
            assertThat(deployment.env(service, "QUARKUS_FLYWAY_VALIDATE_AT_START")).contains("true");
            assertThat(deployment.env(service, "QUARKUS_INIT_AND_EXIT")).isEmpty();
        }
    }

    @Test
    void withoutTheMigrationHooksThePodsMigrateThemselvesAndTheOptionalPartsCanBeLeftOut() {
        Rendered minimal = Chart.current().render(List.of(), Map.of("tenantService.migration.enabled", false,
                "billingService.migration.enabled", false, "auditService.migration.enabled", false,
                "networkPolicy.enabled", false, "tests.enabled", false));

        assertThat(minimal.ofKind("Job")).isEmpty();
        assertThat(minimal.find("ServiceAccount", "rel-civitas-migrations")).isEmpty();
        assertThat(minimal.ofKind("NetworkPolicy")).isEmpty();
        assertThat(minimal.ofKind("Pod")).isEmpty();
        for (String service : DATABASE_OWNERS) {
            var deployment = minimal.workload("Deployment", "rel-civitas-" + service);
            assertThat(deployment.env(service, "QUARKUS_FLYWAY_MIGRATE_AT_START")).contains("true");
        }
        Rendered one = Chart.current().render(List.of(), Map.of("auditService.migration.enabled", false));
        assertThat(one.ofKind("Job")).extracting(Rendered::name).containsExactlyInAnyOrder(
                "rel-civitas-tenant-service-migration", "rel-civitas-billing-service-migration");
    }

    @Test
    void rolloutsKeepServingAndPodsDrainBeforeTheyStop() {
        for (String component : CORE) {
            var d = defaults.workload("Deployment", "rel-civitas-" + component);
            JsonNode rolling = d.object().path("spec").path("strategy").path("rollingUpdate");
            assertThat(rolling.path("maxUnavailable").asInt()).as(component).isZero();
            JsonNode container = d.container(component);
            int preStop = container.path("lifecycle").path("preStop").path("sleep").path("seconds").asInt();
            int shutdown = Integer.parseInt(d.env(component, "QUARKUS_SHUTDOWN_TIMEOUT").orElseThrow().replace("s", ""));
            assertThat(preStop).as(component).isPositive();
            assertThat(d.podSpec().path("terminationGracePeriodSeconds").asInt()).as(component)
                    .isGreaterThan(preStop + shutdown);
            assertThat(container.path("readinessProbe").path("httpGet").path("path").asText()).isEqualTo("/q/health/ready");
            assertThat(container.path("livenessProbe").path("httpGet").path("path").asText()).isEqualTo("/q/health/live");
        }
        for (Rendered rendered : List.of(defaults, gpu)) {
            rendered.workloads().filter(w -> w.kind().equals("Deployment") && w.name().contains("-worker-")).forEach(w -> {
                JsonNode worker = w.container("inference-worker");
                int preStop = worker.path("lifecycle").path("preStop").path("sleep").path("seconds").asInt();
                int drain = Integer.parseInt(w.env("inference-worker", "CIVITAS_WORKER_DRAIN_GRACE_SECONDS").orElseThrow());
                assertThat(preStop).isPositive();
                assertThat(w.podSpec().path("terminationGracePeriodSeconds").asInt()).as(w.name())
                        .isGreaterThan(preStop + drain);
                assertThat(w.env("inference-worker", "QUARKUS_SHUTDOWN_TIMEOUT")).as("the worker drains itself").isEmpty();
                assertThat(worker.path("readinessProbe").path("httpGet").path("path").asText()).isEqualTo("/q/health/ready");
            });
        }
    }

    @Test
    void readinessGatesAreAddedToTheReadinessProbe() {
        Rendered gated = Chart.current().render(List.of(), Map.of("gateway.readinessGates[0].conditionType",
                "target-health.elbv2.k8s.aws/gateway"));
        JsonNode gates = gated.workload("Deployment", "rel-civitas-gateway").podSpec().path("readinessGates");
        assertThat(gates).hasSize(1);
        assertThat(gates.get(0).path("conditionType").asText()).isEqualTo("target-health.elbv2.k8s.aws/gateway");
        assertThat(defaults.workload("Deployment", "rel-civitas-gateway").podSpec().has("readinessGates")).isFalse();
    }

    @Test
    void coreReplicasSpreadOverNodesUnlessTheValuesSayOtherwise() {
        for (String component : CORE) {
            var d = defaults.workload("Deployment", "rel-civitas-" + component);
            JsonNode spread = d.podSpec().path("topologySpreadConstraints");
            assertThat(spread).as(component).hasSize(1);
            assertThat(spread.get(0).path("topologyKey").asText()).isEqualTo("kubernetes.io/hostname");
            assertThat(spread.get(0).path("labelSelector").path("matchLabels"))
                    .isEqualTo(d.object().path("spec").path("selector").path("matchLabels"));
        }
        Rendered zones = Chart.current().render(List.of(), Map.of(
                "gateway.topologySpreadConstraints[0].topologyKey", "topology.kubernetes.io/zone",
                "gateway.topologySpreadConstraints[0].maxSkew", 1,
                "gateway.topologySpreadConstraints[0].whenUnsatisfiable", "DoNotSchedule"));
        JsonNode spread = zones.workload("Deployment", "rel-civitas-gateway").podSpec().path("topologySpreadConstraints");
        assertThat(spread).hasSize(1);
        assertThat(spread.get(0).path("topologyKey").asText()).isEqualTo("topology.kubernetes.io/zone");
    }

    @Test
    void everyDeploymentHasAPodDisruptionBudgetOverExactlyItsPods() {
        for (Rendered rendered : List.of(defaults, gpu)) {
            List<JsonNode> deployments = rendered.ofKind("Deployment").map(JsonNode.class::cast).toList();
            assertThat(rendered.ofKind("PodDisruptionBudget")).hasSameSizeAs(deployments);
            for (JsonNode deployment : deployments) {
                JsonNode pdb = rendered.get("PodDisruptionBudget", Rendered.name(deployment));
                assertThat(pdb.path("spec").path("selector")).isEqualTo(deployment.path("spec").path("selector"));
                assertThat(pdb.path("spec").has("minAvailable") || pdb.path("spec").has("maxUnavailable")).isTrue();
            }
        }
        assertThat(defaults.get("PodDisruptionBudget", "rel-civitas-gateway").path("spec").path("minAvailable").asInt())
                .isEqualTo(1);
    }

    @Test
    void imagesDefaultToTheChartsAppVersionUnderTheGlobalRegistry() throws Exception {
        String appVersion = appVersion();
        for (String component : CORE) {
            assertThat(defaults.workload("Deployment", "rel-civitas-" + component).container(component).path("image").asText())
                    .isEqualTo("registry.civitas.internal/civitas/" + component + ":" + appVersion);
        }
        assertThat(gpu.workload("Deployment", "rel-civitas-worker-devstral-small").container("inference-worker")
                .path("image").asText()).isEqualTo("registry.ministry.example/civitas/inference-worker:" + appVersion);
        Rendered tagged = Chart.current().render(List.of(), Map.of("gateway.image.tag", "0.2.0-rc1"));
        assertThat(tagged.workload("Deployment", "rel-civitas-gateway").container("gateway").path("image").asText())
                .isEqualTo("registry.civitas.internal/civitas/gateway:0.2.0-rc1");
    }

    @Test
    void everyPodPullsWithTheGlobalPullSecrets() {
        Rendered withSecret = Chart.current().render(List.of(GpuValues.FILE), Map.of("global.imagePullSecrets[0]", "regcred"));
        assertThat(withSecret.workloads()).allSatisfy(w -> {
            assertThat(w.podSpec().path("imagePullSecrets")).as(w.name()).hasSize(1);
            assertThat(w.podSpec().path("imagePullSecrets").get(0).path("name").asText()).isEqualTo("regcred");
        });
        assertThat(defaults.workloads()).allSatisfy(w -> assertThat(w.podSpec().has("imagePullSecrets")).isFalse());
    }

    @Test
    void theHelmTestCallsModelsThroughTheGatewayService() {
        var test = defaults.workload("Pod", "rel-civitas-test-models");
        assertThat(Rendered.hook(test.object())).isEqualTo("test");
        JsonNode gatewayService = defaults.get("Service", "rel-civitas-gateway");
        String url = "http://" + Rendered.name(gatewayService) + ":" + gatewayService.path("spec").path("ports").get(0)
                .path("port").asInt();
        assertThat(test.env("models", "GATEWAY")).contains(url);
        String script = test.container("models").path("args").get(0).asText();
        assertThat(script).contains("$GATEWAY/v1/models").contains("= 401");
        assertThat(test.podSpec().path("restartPolicy").asText()).isEqualTo("Never");
        // With a key Secret the test also expects the model list.
        var withKey = gpu.workload("Pod", "rel-civitas-test-models");
        assertThat(withKey.volume("api-key").path("secret").path("secretName").asText()).isEqualTo("civitas-helm-test-key");
    }

    @Test
    void theNotesNameTheGatewayTheSecretsToCreateAndWarnWhenPoolsAreUnreachable() throws Exception {
        String notes = Chart.current().notes();
        assertThat(notes).contains("http://rel-civitas-gateway.civitas.svc:8080/v1")
                .contains("helm test rel -n civitas")
                .contains("civitas-tenant-pepper (key pepper)")
                .doesNotContain("WARNING");
        Path twoPools = Files.createTempFile("two-pools", ".yaml");
        try {
            Files.writeString(twoPools, """
                    workerPools:
                      - {name: a, model: m, engine: jlama, replicas: 1, region: r}
                      - {name: b, model: x, engine: jlama, replicas: 1, region: r}
                    """);
            assertThat(Chart.current().notes(twoPools))
                    .contains("WARNING: 2 worker pools but gateway.workerDiscovery.enabled is false");
        } finally {
            Files.delete(twoPools);
        }
        assertThat(Chart.current().notes(GpuValues.FILE)).doesNotContain("WARNING")
                .contains("devstral-large: model devstral-2-123b, engine openai-upstream, 1 replica(s), 8 GPU(s) each");
    }

    @Test
    void servicesAreConfiguredWithThePropertiesTheyRead() {
        var gateway = defaults.workload("Deployment", "rel-civitas-gateway");
        assertThat(gateway.env("gateway", "QUARKUS_GRPC_CLIENTS_TENANT_HOST")).contains("rel-civitas-tenant-service");
        assertThat(gateway.env("gateway", "QUARKUS_GRPC_CLIENTS_TENANT_PORT")).contains("8081");
        assertThat(gateway.env("gateway", "QUARKUS_GRPC_CLIENTS_WORKER_HOST")).contains("rel-civitas-worker-cpu-tiny");
        assertThat(gateway.env("gateway", "KAFKA_BOOTSTRAP_SERVERS")).contains("civitas-kafka-kafka-bootstrap.civitas-data.svc:9092");
        for (String service : List.of("tenant-service", "billing-service", "audit-service")) {
            assertThat(defaults.workload("Deployment", "rel-civitas-" + service).env(service, "KAFKA_BOOTSTRAP_SERVERS")).isPresent();
            assertThat(defaults.workload("Deployment", "rel-civitas-" + service).env(service, "QUARKUS_OIDC_AUTH_SERVER_URL"))
                    .contains("https://sso.civitas.internal/realms/civitas");
        }
        // billing-service's OIDC is off unless turned on.
        assertThat(defaults.workload("Deployment", "rel-civitas-billing-service").env("billing-service", "QUARKUS_OIDC_TENANT_ENABLED"))
                .contains("true");
        // The gateway: each replica's share of a concurrency cap, and a writable spool.
        assertThat(gateway.env("gateway", "CIVITAS_GATEWAY_LIMITS_REPLICAS")).contains("2");
        assertThat(Chart.current().render(List.of(), Map.of("gateway.replicas", 5)).workload("Deployment", "rel-civitas-gateway")
                .env("gateway", "CIVITAS_GATEWAY_LIMITS_REPLICAS")).contains("5");
        assertThat(gateway.env("gateway", "CIVITAS_GATEWAY_EVENTS_SPOOL_DIR")).contains("/var/lib/civitas-gateway/spool");
        assertThat(gateway.volume("spool").path("emptyDir").path("sizeLimit").asText()).isEqualTo("1Gi");
        assertThat(gateway.container("gateway").path("volumeMounts").findParents("name").stream()
                .filter(m -> m.path("name").asText().equals("spool")).map(m -> m.path("mountPath").asText()))
                .containsExactly("/var/lib/civitas-gateway");
        var tenant = defaults.workload("Deployment", "rel-civitas-tenant-service");
        assertThat(tenant.env("tenant-service", "QUARKUS_DATASOURCE_JDBC_URL"))
                .contains("jdbc:postgresql://civitas-pg-rw.civitas-data.svc:5432/civitas_tenant?sslmode=require");
        assertThat(tenant.env("tenant-service", "QUARKUS_OIDC_AUTH_SERVER_URL")).contains("https://sso.civitas.internal/realms/civitas");
        Map<String, Integer> ports = Map.of("gateway", 8080, "tenant-service", 8081, "billing-service", 8082, "audit-service", 8083);
        ports.forEach((component, port) -> {
            var d = defaults.workload("Deployment", "rel-civitas-" + component);
            assertThat(d.env(component, "QUARKUS_HTTP_PORT")).contains(String.valueOf(port));
            assertThat(defaults.get("Service", "rel-civitas-" + component).path("spec").path("ports").get(0).path("port").asInt())
                    .isEqualTo(port);
        });
        var worker = defaults.workload("Deployment", "rel-civitas-worker-cpu-tiny");
        assertThat(worker.env("inference-worker", "JDK_JAVA_OPTIONS").orElseThrow()).contains("--add-modules=jdk.incubator.vector");
        assertThat(worker.env("inference-worker", "CIVITAS_WORKER_DRAIN_GRACE_SECONDS")).contains("30");
        assertThat(worker.env("inference-worker", "CIVITAS_WORKER_ENGINE_THREADS")).contains("2");
        assertThat(worker.envEntry("inference-worker", "CIVITAS_WORKER_NODE").path("valueFrom").path("fieldRef")
                .path("fieldPath").asText()).isEqualTo("spec.nodeName");
    }

    static String appVersion() throws Exception {
        String chartYaml = Files.readString(Chart.current().source().resolve("Chart.yaml"));
        Matcher m = Pattern.compile("(?m)^appVersion:\\s*\"?([^\"\\s]+)\"?").matcher(chartYaml);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    static Set<String> names(Rendered rendered, String kind) {
        return rendered.ofKind(kind).map(Rendered::name).collect(Collectors.toSet());
    }
}
