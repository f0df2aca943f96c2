package io.civitas.billing.usage;

/** A record on the usage topic that cannot be billed. The message never carries payload contents. */
public class InvalidUsageEventException extends RuntimeException {

    public InvalidUsageEventException(String message) {
        super(message);
    }

    public InvalidUsageEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
