package io.civitas.worker.engine;

/**
 * A model this worker serves.
 *
 * @param id the id requests name
 * @param contextLength usable positions for prompt plus completion
 */
public record ServedModel(String id, int contextLength) {

    public ServedModel {
        if (id == null || id.isBlank() || contextLength <= 0) {
            throw new IllegalArgumentException("a served model needs an id and a positive context length");
        }
    }
}
