package io.civitas.worker.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.civitas.api.inference.v1.EmbedRequest;
import io.civitas.api.inference.v1.EmbedResponse;
import io.civitas.api.inference.v1.InferenceServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;

/** The packaged worker serving the embeddings engine: ONNX Runtime and the tokenizer load in the production layout. */
class PackagedEmbeddingsIT {

    private static final Path WORK = Path.of("target/embeddings-it");

    private Process worker;
    private ManagedChannel channel;

    @AfterEach
    void stop() {
        PackagedWorker.stop(worker, channel);
    }

    @Test
    void shouldServeAllMiniLmFromThePackagedWorker() throws Exception {
        // Given
        int port = PackagedWorker.freePort();
        worker = PackagedWorker.start(WORK, Map.of("quarkus.http.host", "127.0.0.1", "quarkus.http.port",
                String.valueOf(port), "civitas.worker.data-dir", WORK.resolve("data").toAbsolutePath().toString(),
                "civitas.worker.models.all-minilm-l6-v2.engine", "embeddings"));
        await().atMost(Duration.ofMinutes(3)).until(() -> PackagedWorker.readiness(port) == 200);
        channel = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();

        // When
        EmbedResponse response = InferenceServiceGrpc.newBlockingStub(channel).embed(EmbedRequest.newBuilder()
                .setRequestId("req-it").setTenantId("tenant-1").setModel("all-minilm-l6-v2")
                .addInputs("hello world").build());

        // Then
        assertThat(response.getEmbeddings(0).getValuesCount()).isEqualTo(384);
        assertThat(response.getPromptTokens()).isEqualTo(2);
        assertThat(response.getPlacement().getEngine()).isEqualTo("onnx-cpu");
    }
}
