package io.civitas.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.civitas.helm.NetworkPolicies.Pod;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The rendered NetworkPolicies, evaluated: default deny, and only the flows of docs/architecture.md. */
class NetworkPolicyTest {

    static Rendered rendered;
    static NetworkPolicies policies;
    static Map<String, Pod> pods;

    @BeforeAll
    static void render() {
        rendered = Chart.current().render(GpuValues.FILE);
        policies = new NetworkPolicies(rendered);
        pods = rendered.workloads().map(Pod::of).collect(Collectors.toMap(Pod::name, p -> p));
    }

    static Pod pod(String id) {
        return pods.get(id);
    }

    static final String GATEWAY = "Deployment/rel-civitas-gateway";
    static final String TENANT = "Deployment/rel-civitas-tenant-service";
    static final String BILLING = "Deployment/rel-civitas-billing-service";
    static final String AUDIT = "Deployment/rel-civitas-audit-service";
    static final String WORKER = "Deployment/rel-civitas-worker-devstral-small";
    static final String WORKER_TP = "Deployment/rel-civitas-worker-devstral-large";
    static final String TEST = "Pod/rel-civitas-test-models";

    @Test
    void everyPodOfTheReleaseIsIsolatedBothWays() {
        JsonNode deny = rendered.get("NetworkPolicy", "rel-civitas-default-deny");
        assertThat(deny.path("spec").has("ingress")).isFalse();
        assertThat(deny.path("spec").has("egress")).isFalse();
        assertThat(pods).hasSizeGreaterThanOrEqualTo(10);
        pods.values().forEach(p -> {
            assertThat(policies.isolated(p, "Ingress")).as(p.name()).isTrue();
            assertThat(policies.isolated(p, "Egress")).as(p.name()).isTrue();
        });
    }

    @Test
    void theArchitecturesFlowsAreAllowed() {
        assertThat(policies.allows(pod(GATEWAY), pod(TENANT), 8081)).isTrue();
        assertThat(policies.allows(pod(GATEWAY), pod(WORKER), 8091)).isTrue();
        assertThat(policies.allows(pod(GATEWAY), pod(WORKER_TP), 8091)).isTrue();
        assertThat(policies.allows(pod(TEST), pod(GATEWAY), 8080)).isTrue();
    }

    @Test
    void everythingElseInsideTheNamespaceIsDenied() {
        List<String> all = List.copyOf(pods.keySet());
        Map<String, List<Integer>> allowed = Map.of(
                GATEWAY + ">" + TENANT, List.of(8081),
                GATEWAY + ">" + WORKER, List.of(8091),
                GATEWAY + ">" + WORKER_TP, List.of(8091),
                TEST + ">" + GATEWAY, List.of(8080));
        for (String from : all) {
            for (String to : all) {
                for (int port : List.of(8000, 8080, 8081, 8082, 8083, 8091)) {
                    boolean expected = allowed.getOrDefault(from + ">" + to, List.of()).contains(port);
                    assertThat(policies.allows(pod(from), pod(to), port)).as(from + " -> " + to + ":" + port)
                            .isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void onlyTheDatabaseOwnersAndTheirMigrationsReachPostgres() {
        for (String id : pods.keySet()) {
            boolean owner = id.contains("tenant-service") || id.contains("billing-service") || id.contains("audit-service");
            List<JsonNode> peers = policies.egressPeers(pod(id), 5432);
            if (owner) {
                assertThat(peers).as(id).isNotEmpty().allSatisfy(peer -> assertThat(peer.path("podSelector").path("matchLabels")
                        .path("cnpg.io/cluster").asText()).isEqualTo("civitas-pg"));
            } else {
                assertThat(peers).as(id).isEmpty();
            }
        }
        assertThat(pods).containsKeys("Job/rel-civitas-tenant-service-migration", "Job/rel-civitas-audit-service-migration");
    }

    @Test
    void kafkaKeycloakAndTheApiServerOnlyForThoseThatUseThem() {
        assertThat(policies.egressPeers(pod(GATEWAY), 9092)).isNotEmpty();
        assertThat(policies.egressPeers(pod(BILLING), 9092)).isNotEmpty();
        assertThat(policies.egressPeers(pod(AUDIT), 9092)).isNotEmpty();
        assertThat(policies.egressPeers(pod(TENANT), 9092)).as("the outbox publisher").isNotEmpty();
        assertThat(policies.egressPeers(pod(WORKER), 9092)).isEmpty();
        assertThat(policies.egressPeers(pod(TENANT), 8443)).isNotEmpty();
        assertThat(policies.egressPeers(pod(GATEWAY), 8443)).isEmpty();
        assertThat(policies.egressPeers(pod(WORKER), 443)).isEmpty();
        assertThat(policies.egressPeers(pod(GATEWAY), 6443)).extracting(p -> p.path("ipBlock").path("cidr").asText())
                .containsExactly("10.20.0.10/32", "10.20.0.11/32", "10.20.0.12/32");
        // Workers send nothing but DNS lookups.
        for (int port : List.of(80, 443, 5432, 8443, 9092)) {
            assertThat(policies.egressPeers(pod(WORKER), port)).as("worker egress :" + port).isEmpty();
        }
        assertThat(policies.egressPeers(pod(WORKER), 53)).isNotEmpty();
    }

    @Test
    void aDiscoveringGatewayWithoutApiServerAddressesIsRefused() {
        var error = org.assertj.core.api.Assertions.catchThrowable(() -> Chart.current().render(List.of(),
                Map.of("gateway.workerDiscovery.enabled", true)));
        assertThat(error).hasMessageContaining("networkPolicy.kubeApiServer.cidrs");
    }
}
