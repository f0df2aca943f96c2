package io.civitas.tenant.domain;

/**
 * A request is well-formed but not acceptable (a negative limit, an unknown scope, an inverted validity period).
 * The message names the field and is safe to show to the caller.
 */
public class InvalidRequestException extends RuntimeException {

    public InvalidRequestException(String message) {
        super(message);
    }
}
