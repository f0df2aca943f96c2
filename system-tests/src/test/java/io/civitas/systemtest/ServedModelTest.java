package io.civitas.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServedModelTest {

    @TempDir
    Path models;

    @Test
    void shouldServeTheGeneratedModelWhenNoDirectoryIsNamed() {
        // When
        ServedModel model = ServedModel.fromEnvironment(Map.of());

        // Then
        assertThat(model.id()).isEqualTo(ServedModel.GENERATED_ID);
        assertThat(model.workerConfig()).containsExactly(Map.entry("civitas.worker.model.id", "civitas-tiny"));
    }

    @Test
    void shouldServeANamedDirectoryUnderItsNameWithoutGenerating() throws IOException {
        // Given
        Path dir = Files.createDirectories(models.resolve("mistral-7b-instruct"));
        Files.writeString(dir.resolve("config.json"), "{}");

        // When
        ServedModel model = ServedModel.fromEnvironment(Map.of(ServedModel.DIR_VARIABLE, dir.toString()));

        // Then
        assertThat(model.id()).isEqualTo("mistral-7b-instruct");
        assertThat(model.workerConfig()).containsOnly(Map.entry("civitas.worker.model.id", "mistral-7b-instruct"),
                Map.entry("civitas.worker.model.dir", dir.toString()),
                Map.entry("civitas.worker.model.generate-if-missing", "false"));
    }

    @Test
    void shouldUseTheGivenModelId() throws IOException {
        // Given
        Path dir = Files.createDirectories(models.resolve("checkpoint"));
        Files.writeString(dir.resolve("config.json"), "{}");

        // When
        ServedModel model = ServedModel.fromEnvironment(
                Map.of(ServedModel.DIR_VARIABLE, dir.toString(), ServedModel.ID_VARIABLE, "devstral-small"));

        // Then
        assertThat(model.id()).isEqualTo("devstral-small");
    }

    @Test
    void shouldRefuseADirectoryWithoutConfigJson() {
        // Given
        Map<String, String> env = Map.of(ServedModel.DIR_VARIABLE, models.toString());

        // When / Then
        assertThatThrownBy(() -> ServedModel.fromEnvironment(env))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no config.json");
    }
}
