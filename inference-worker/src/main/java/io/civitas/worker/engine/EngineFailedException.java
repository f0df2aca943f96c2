package io.civitas.worker.engine;

/** The engine reported an error or broke its protocol (an upstream's error event, a stream without usage). */
public final class EngineFailedException extends RuntimeException {

    public EngineFailedException(String message) {
        super(message);
    }
}
