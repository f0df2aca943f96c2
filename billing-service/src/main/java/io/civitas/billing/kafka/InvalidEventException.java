package io.civitas.billing.kafka;

/** A record that cannot be processed: unreadable, wrong payload, invalid fields. The message never carries payload contents. */
public class InvalidEventException extends RuntimeException {

    public InvalidEventException(String message) {
        super(message);
    }

    public InvalidEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
