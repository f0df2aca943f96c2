package io.civitas.worker.engine;

/** The request names a model this worker does not serve. */
public final class ModelNotFoundException extends RuntimeException {

    public ModelNotFoundException(String model) {
        super("model '" + model + "' is not served by this worker");
    }
}
