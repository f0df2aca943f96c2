package io.civitas.systemtest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The model the platform's worker serves: the tiny model the worker generates itself, or a Hugging Face-layout
 * directory (config.json, tokenizer.json, *.safetensors) the user points at.
 *
 * @param id the model id tenants use in requests
 * @param dir the model directory, or null for the generated model
 */
public record ServedModel(String id, Path dir) {

    public static final String GENERATED_ID = "civitas-tiny";
    /** Environment variable naming a model directory to serve instead of the generated model. */
    public static final String DIR_VARIABLE = "CIVITAS_MODEL_DIR";
    /** Environment variable naming the model id for {@link #DIR_VARIABLE} (default: the directory's name). */
    public static final String ID_VARIABLE = "CIVITAS_MODEL_ID";

    public ServedModel {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("A model id is required");
        }
        if (dir != null && !Files.isRegularFile(dir.resolve("config.json"))) {
            throw new IllegalArgumentException(dir + " is not a Hugging Face model directory (no config.json)");
        }
    }

    /** The tiny model the worker generates into its own data directory. */
    public static ServedModel generated() {
        return new ServedModel(GENERATED_ID, null);
    }

    /** The model named by {@value #DIR_VARIABLE} (and {@value #ID_VARIABLE}), else the generated one. */
    public static ServedModel fromEnvironment(Map<String, String> env) {
        String dir = env.get(DIR_VARIABLE);
        if (dir == null || dir.isBlank()) {
            return generated();
        }
        Path path = Path.of(dir).toAbsolutePath().normalize();
        return new ServedModel(env.getOrDefault(ID_VARIABLE, path.getFileName().toString()), path);
    }

    /** The worker's configuration for this model. */
    Map<String, String> workerConfig() {
        if (dir == null) {
            return Map.of("civitas.worker.model.id", id);
        }
        return Map.of("civitas.worker.model.id", id, "civitas.worker.model.dir", dir.toString(),
                "civitas.worker.model.generate-if-missing", "false");
    }
}
