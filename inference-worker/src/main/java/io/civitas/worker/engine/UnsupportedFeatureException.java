package io.civitas.worker.engine;

/** The model's engine cannot honour a requested feature (tools on jlama, embeddings on a chat upstream). */
public final class UnsupportedFeatureException extends RuntimeException {

    public UnsupportedFeatureException(String message) {
        super(message);
    }
}
