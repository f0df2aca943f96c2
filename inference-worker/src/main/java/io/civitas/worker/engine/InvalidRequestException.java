package io.civitas.worker.engine;

/** The request's parameters are invalid; the message says which, and never quotes prompt text. */
public class InvalidRequestException extends RuntimeException {

    public InvalidRequestException(String message) {
        super(message);
    }
}
