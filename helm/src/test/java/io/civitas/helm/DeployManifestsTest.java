package io.civitas.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The deploy/ manifests parse, and they are the Kafka, PostgreSQL and names the chart's defaults point at. */
class DeployManifestsTest {

    static final Path DEPLOY = Path.of(System.getProperty("civitas.deploy.dir", "../deploy"));

    static List<JsonNode> manifests;
    static JsonNode values;

    @BeforeAll
    static void read() throws IOException {
        manifests = new ArrayList<>();
        try (Stream<Path> files = Files.walk(DEPLOY)) {
            // Every manifest; not the Helm values of the GPU operator nor the bundle list.
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml") && !f.endsWith("bundle.yaml")
                    && !f.endsWith("values.yaml")).toList()) {
                Rendered.parse(Files.readString(file)).objects().forEach(manifests::add);
            }
        }
        values = Rendered.YAML.readTree(Files.readString(Chart.current().source().resolve("values.yaml")));
    }

    static JsonNode one(String kind, String name) {
        return manifests.stream().filter(m -> m.path("kind").asText().equals(kind) && Rendered.name(m).equals(name))
                .findFirst().orElseThrow(() -> new AssertionError(kind + "/" + name + " not in deploy/"));
    }

    @Test
    void everyManifestNamesItsKindAndTheCoreKindsAreValid() {
        assertThat(manifests).hasSizeGreaterThanOrEqualTo(12);
        for (JsonNode m : manifests) {
            assertThat(m.path("apiVersion").asText()).as(m.toString()).isNotEmpty();
            assertThat(Rendered.name(m)).as(m.toString()).isNotEmpty();
            if (m.path("apiVersion").asText().startsWith("networking.k8s.io/")) {
                assertThat(KubernetesModel.problems(m)).isEmpty();
            }
        }
    }

    @Test
    void theKafkaClusterHasEveryTopicAndTheChartPointsAtIt() {
        JsonNode kafka = one("Kafka", "civitas-kafka");
        String namespace = kafka.path("metadata").path("namespace").asText();
        JsonNode listener = kafka.path("spec").path("kafka").path("listeners").get(0);
        assertThat(values.path("kafka").path("bootstrapServers").asText())
                .isEqualTo("civitas-kafka-kafka-bootstrap." + namespace + ".svc:" + listener.path("port").asInt());
        assertThat(values.path("networkPolicy").path("kafka").path("ports").get(0).asInt()).isEqualTo(listener.path("port").asInt());
        Map<String, String> topics = new HashMap<>();
        manifests.stream().filter(m -> m.path("kind").asText().equals("KafkaTopic")).forEach(t ->
                topics.put(Rendered.name(t), t.path("spec").path("config").path("cleanup.policy").asText("delete")));
        assertThat(topics).containsEntry("civitas.usage.v1", "delete").containsEntry("civitas.audit.v1", "delete")
                .containsEntry("civitas.usage.v1.dlq", "delete").containsEntry("civitas.audit.v1.dlq", "delete")
                .containsEntry("civitas.tenant-changes.v1", "compact").containsEntry("civitas.budget-state.v1", "compact");
        assertThat(kafka.path("spec").path("kafka").path("config").path("auto.create.topics.enable").asBoolean(true)).isFalse();
        JsonNode peer = values.path("networkPolicy").path("kafka").path("peers").get(0);
        assertThat(peer.path("namespaceSelector").path("matchLabels").path("kubernetes.io/metadata.name").asText()).isEqualTo(namespace);
        assertThat(peer.path("podSelector").path("matchLabels").path("strimzi.io/cluster").asText()).isEqualTo("civitas-kafka");
    }

    @Test
    void thePostgresClusterHasADatabaseAndRolePerServiceAndTheChartPointsAtIt() {
        JsonNode cluster = one("Cluster", "civitas-pg");
        String namespace = cluster.path("metadata").path("namespace").asText();
        assertThat(values.path("database").path("host").asText()).isEqualTo("civitas-pg-rw." + namespace + ".svc");
        List<String> databases = new ArrayList<>();
        databases.add(cluster.path("spec").path("bootstrap").path("initdb").path("database").asText());
        manifests.stream().filter(m -> m.path("kind").asText().equals("Database"))
                .forEach(d -> databases.add(d.path("spec").path("name").asText()));
        Map<String, String> roleSecrets = new HashMap<>();
        cluster.path("spec").path("managed").path("roles").forEach(r ->
                roleSecrets.put(r.path("name").asText(), r.path("passwordSecret").path("name").asText()));
        for (String service : List.of("tenantService", "billingService", "auditService")) {
            JsonNode db = values.path(service).path("database");
            assertThat(databases).as(service).contains(db.path("name").asText());
            assertThat(roleSecrets).as(service).containsEntry(db.path("name").asText(), db.path("existingSecret").asText());
        }
        JsonNode peer = values.path("networkPolicy").path("database").path("peers").get(0);
        assertThat(peer.path("podSelector").path("matchLabels").path("cnpg.io/cluster").asText()).isEqualTo("civitas-pg");
        // The cluster admits exactly the pods the chart labels as database clients.
        JsonNode access = one("NetworkPolicy", "civitas-pg-access");
        assertThat(access.path("spec").path("ingress").get(0).path("from").get(0).path("podSelector").path("matchLabels")
                .path("civitas.io/database-client").asText()).isEqualTo("true");
    }

    @Test
    void theGpuOperatorRunsTheRuntimeClassAndStrategyThePoolsAssume() throws IOException {
        JsonNode policy = one("ClusterPolicy", "cluster-policy");
        JsonNode operatorValues = Rendered.YAML.readTree(Files.readString(DEPLOY.resolve("gpu-operator/values.yaml")));
        assertThat(policy.path("spec").path("operator").path("runtimeClass").asText()).isEqualTo("nvidia");
        assertThat(operatorValues.path("operator").path("runtimeClass").asText()).isEqualTo("nvidia");
        assertThat(policy.path("spec").path("mig").path("strategy").asText()).isEqualTo("single");
        assertThat(operatorValues.path("mig").path("strategy").asText()).isEqualTo("single");
        for (String component : List.of("driver", "toolkit", "devicePlugin", "dcgmExporter", "gfd", "migManager")) {
            assertThat(policy.path("spec").path(component).path("enabled").asBoolean()).as(component).isTrue();
            assertThat(operatorValues.path(component).path("enabled").asBoolean()).as(component).isTrue();
        }
        assertThat(policy.path("spec").path("driver").path("version")).isEqualTo(operatorValues.path("driver").path("version"));
        // A container sees only the GPUs allocated to it, whatever NVIDIA_VISIBLE_DEVICES its image sets.
        for (JsonNode toolkitEnv : List.of(policy.path("spec").path("toolkit").path("env"), operatorValues.path("toolkit").path("env"))) {
            assertThat(toolkitEnv.findParents("name").stream().filter(e -> e.path("name").asText()
                    .equals("ACCEPT_NVIDIA_VISIBLE_DEVICES_ENVVAR_WHEN_UNPRIVILEGED")).map(e -> e.path("value").asText()))
                    .containsExactly("false");
        }
        assertThat(policy.path("spec").path("devicePlugin").path("env")).isEqualTo(operatorValues.path("devicePlugin").path("env"));
        assertThat(policy.path("spec").path("devicePlugin").path("version"))
                .isEqualTo(operatorValues.path("devicePlugin").path("version"));
    }
}
