package io.civitas.worker.engine;

/** The model is still loading, failed to load, or the worker is shutting down. */
public final class ModelNotReadyException extends RuntimeException {

    public ModelNotReadyException(String message) {
        super(message);
    }
}
