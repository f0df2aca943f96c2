package io.civitas.billing.rest;

/** A request parameter is missing or invalid; the message says which and why. */
public class InvalidRequestException extends RuntimeException {

    public InvalidRequestException(String message) {
        super(message);
    }
}
