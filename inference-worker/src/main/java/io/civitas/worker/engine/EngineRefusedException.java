package io.civitas.worker.engine;

/**
 * The engine refused the request for a reason of its own setup, not the request's (an upstream's 401, 403 or 404:
 * the worker's credentials or served model name do not match the upstream).
 */
public final class EngineRefusedException extends RuntimeException {

    public EngineRefusedException(String message) {
        super(message);
    }
}
