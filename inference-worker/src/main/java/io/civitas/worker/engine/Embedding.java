package io.civitas.worker.engine;

/**
 * An embedding vector.
 *
 * @param values the vector
 * @param tokens tokens of the input
 */
public record Embedding(float[] values, int tokens) {
}
