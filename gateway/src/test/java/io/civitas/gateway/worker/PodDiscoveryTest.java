package io.civitas.gateway.worker;

import static io.civitas.gateway.fakes.FakeTenantService.FR_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.civitas.api.inference.v1.Placement;
import io.civitas.gateway.fakes.FakeInferenceWorker;
import io.civitas.gateway.support.Chat;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.response.Response;

/** Worker pods found through the Kubernetes API (Fabric8's mock server in CRUD mode), two real fake workers behind. */
@QuarkusTest
@TestProfile(PodDiscoveryTest.Discovery.class)
@WithKubernetesTestServer(crud = true)
class PodDiscoveryTest {

    private static final String NAMESPACE = "civitas";
    private static final Map<String, String> WORKER_LABELS = Map.of("app.kubernetes.io/component", "inference-worker",
            "civitas.io/region", "fr");
    private static final FakeInferenceWorker WORKER_A = worker("pod-worker-a");
    private static final FakeInferenceWorker WORKER_B = worker("pod-worker-b");
    private static Server serverA;
    private static Server serverB;

    /** Discovery on, no static address. */
    public static class Discovery implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("civitas.gateway.worker.discovery.enabled", "true",
                    "civitas.gateway.worker.discovery.namespace", NAMESPACE,
                    "civitas.gateway.worker.reconnect-max-millis", "500");
        }
    }

    @KubernetesTestServer
    KubernetesServer kubernetes;

    @BeforeAll
    static void startWorkers() throws IOException {
        serverA = serve(WORKER_A);
        serverB = serve(WORKER_B);
    }

    @AfterAll
    static void stopWorkers() {
        serverA.shutdownNow();
        serverB.shutdownNow();
    }

    @AfterEach
    void deletePods() {
        kubernetes.getClient().pods().inNamespace(NAMESPACE).delete();
        await().atMost(Duration.ofSeconds(20)).until(() -> chat().statusCode() == 503);
    }

    @Test
    void shouldRouteToAReadyLabelledWorkerPodOnly() {
        // Given
        create(pod("unlabelled", Map.of(), serverB.getPort(), true));

        // When
        create(pod("worker-a", WORKER_LABELS, serverA.getPort(), true));

        // Then
        Response response = await().atMost(Duration.ofSeconds(20)).until(PodDiscoveryTest::chat,
                answer -> answer.statusCode() == 200);
        assertThat(WORKER_A.received()).contains(response.header("x-request-id"));
        assertThat(WORKER_B.received()).doesNotContain(response.header("x-request-id"));
    }

    @Test
    void shouldStopRoutingToAPodThatBecomesUnready() {
        // Given
        create(pod("worker-a", WORKER_LABELS, serverA.getPort(), true));
        await().atMost(Duration.ofSeconds(20)).until(() -> chat().statusCode() == 200);

        // When
        kubernetes.getClient().pods().inNamespace(NAMESPACE).withName("worker-a")
                .edit(pod -> new PodBuilder(pod).editStatus().withConditions(ready(false)).endStatus().build());

        // Then
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(chat().jsonPath()
                .getString("error.code")).isEqualTo("no_worker_in_allowed_regions"));
    }

    @Test
    void shouldMoveToTheReplacementWhenAPodIsDeleted() {
        // Given
        create(pod("worker-a", WORKER_LABELS, serverA.getPort(), true));
        await().atMost(Duration.ofSeconds(20)).until(() -> chat().statusCode() == 200);

        // When
        kubernetes.getClient().pods().inNamespace(NAMESPACE).withName("worker-a").delete();
        create(pod("worker-b", WORKER_LABELS, serverB.getPort(), true));

        // Then
        await().atMost(Duration.ofSeconds(20)).until(() -> chat().statusCode() == 200);
        List<Response> later = List.of(chat(), chat(), chat());
        assertThat(later).allSatisfy(response -> {
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(WORKER_B.received()).contains(response.header("x-request-id"));
        });
    }

    private void create(Pod pod) {
        kubernetes.getClient().pods().inNamespace(NAMESPACE).resource(pod).create();
    }

    private static Response chat() {
        return Chat.post(FR_KEY, Chat.body("civitas-echo", "found through kubernetes", ""));
    }

    private static Pod pod(String name, Map<String, String> labels, int grpcPort, boolean isReady) {
        return new PodBuilder()
                .withNewMetadata().withName(name).withNamespace(NAMESPACE).withUid(UUID.randomUUID().toString())
                .withLabels(labels).endMetadata()
                .withNewSpec().addNewContainer().withName("worker").addNewPort().withName("grpc")
                .withContainerPort(grpcPort).endPort().endContainer().endSpec()
                .withNewStatus().withPodIP("127.0.0.1").withConditions(ready(isReady)).endStatus()
                .build();
    }

    private static PodCondition ready(boolean isReady) {
        return new PodConditionBuilder().withType("Ready").withStatus(isReady ? "True" : "False").build();
    }

    private static FakeInferenceWorker worker(String id) {
        return new FakeInferenceWorker(Placement.newBuilder().setWorkerId(id).setNode("node-" + id).setGpu("none")
                .setRegion("fr").setEngine("echo").build(), List.of("civitas-echo"), FakeInferenceWorker.Mode.NORMAL,
                0, false);
    }

    private static Server serve(FakeInferenceWorker worker) throws IOException {
        return NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .addService(worker).build().start();
    }
}
