package io.civitas.worker.engine;

/** The engine is too busy to take the request (an upstream's 429): another worker may take it. */
public final class EngineOverloadedException extends RuntimeException {

    public EngineOverloadedException(String message) {
        super(message);
    }
}
