package io.civitas.worker.engine;

/**
 * A model this worker serves, loaded and warmed up.
 *
 * @param id the id requests name
 * @param engine the engine's name in configuration (jlama, openai-upstream, embeddings)
 * @param placementEngine the engine label in placements
 * @param capabilities what it offers
 */
public record ServedModel(String id, String engine, String placementEngine, ModelEngine.Capabilities capabilities) {

    public ServedModel {
        if (id == null || id.isBlank() || engine == null || placementEngine == null || capabilities == null) {
            throw new IllegalArgumentException("a served model needs an id, an engine and capabilities");
        }
    }
}
