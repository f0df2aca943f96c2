package io.civitas.worker.engine;

/** The engine cannot be reached or broke off (an upstream's 5xx, refused or dropped connection). */
public final class EngineUnavailableException extends RuntimeException {

    public EngineUnavailableException(String message) {
        super(message);
    }

    public EngineUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
