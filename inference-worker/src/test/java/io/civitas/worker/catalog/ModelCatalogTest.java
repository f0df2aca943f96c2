package io.civitas.worker.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class ModelCatalogTest {

    @Test
    void shouldServeTheSingleJlamaModelOfTheEarlierKeysWhenNoModelsAreConfigured() {
        // Given
        Map<String, String> properties = Map.of("civitas.worker.model.id", "mistral-7b-instruct",
                "civitas.worker.model.dir", "/srv/models/mistral", "civitas.worker.model.generate-if-missing", "false");

        // When
        List<ModelSpec> models = ModelCatalog.from(WorkerConfigs.of(properties));

        // Then
        assertThat(models).containsExactly(new ModelSpec("mistral-7b-instruct", EngineKind.JLAMA,
                Optional.of(Path.of("/srv/models/mistral")), false, Optional.empty(), "mistral-7b-instruct",
                Optional.empty(), false, 1, 1));
    }

    @Test
    void shouldReadEachModelWithItsEngineAndTheEnginesDefaults() {
        // Given
        Map<String, String> properties = Map.of(
                "civitas.worker.models.tiny.engine", "jlama",
                "civitas.worker.models.tiny.dir", "data/models/tiny",
                "civitas.worker.models.mistral-7b.engine", "openai-upstream",
                "civitas.worker.models.mistral-7b.upstream-url", "http://127.0.0.1:8000",
                "civitas.worker.models.mistral-7b.upstream-model", "mistralai/Mistral-7B-Instruct-v0.3",
                "civitas.worker.models.mistral-7b.tensor-parallel-size", "2",
                "civitas.worker.models.all-minilm-l6-v2.engine", "embeddings");

        // When
        List<ModelSpec> models = ModelCatalog.from(WorkerConfigs.of(properties));

        // Then
        assertThat(models).containsExactly(
                new ModelSpec("all-minilm-l6-v2", EngineKind.EMBEDDINGS, Optional.empty(), false, Optional.empty(),
                        "all-minilm-l6-v2", Optional.empty(), false, 1, 1),
                new ModelSpec("mistral-7b", EngineKind.OPENAI_UPSTREAM, Optional.empty(), false,
                        Optional.of(URI.create("http://127.0.0.1:8000")), "mistralai/Mistral-7B-Instruct-v0.3",
                        Optional.empty(), true, 2, 64),
                new ModelSpec("tiny", EngineKind.JLAMA, Optional.of(Path.of("data/models/tiny")), false,
                        Optional.empty(), "tiny", Optional.empty(), false, 1, 1));
    }

    @Test
    void shouldRefuseAnUnknownEngine() {
        // Given
        Map<String, String> properties = Map.of("civitas.worker.models.x.engine", "tgi");

        // When / Then
        assertThatThrownBy(() -> ModelCatalog.from(WorkerConfigs.of(properties)))
                .hasMessageContaining("unknown engine 'tgi'");
    }

    @Test
    void shouldRefuseAnUpstreamModelWithoutItsUrl() {
        // Given
        Map<String, String> properties = Map.of("civitas.worker.models.x.engine", "openai-upstream");

        // When / Then
        assertThatThrownBy(() -> ModelCatalog.from(WorkerConfigs.of(properties)))
                .hasMessageContaining("model 'x': the openai-upstream engine needs upstream-url");
    }

    @Test
    void shouldRefuseMoreThanOneJlamaSequence() {
        // Given
        Map<String, String> properties = Map.of("civitas.worker.models.x.engine", "jlama",
                "civitas.worker.models.x.dir", "d", "civitas.worker.models.x.max-sequences", "2");

        // When / Then
        assertThatThrownBy(() -> ModelCatalog.from(WorkerConfigs.of(properties)))
                .hasMessageContaining("the jlama engine runs exactly 1 sequence");
    }
}
