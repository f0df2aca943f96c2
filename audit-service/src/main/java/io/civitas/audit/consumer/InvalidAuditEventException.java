package io.civitas.audit.consumer;

/** A record on the audit topic that cannot be audited. The message never carries payload contents. */
public class InvalidAuditEventException extends RuntimeException {

    public InvalidAuditEventException(String message) {
        super(message);
    }

    public InvalidAuditEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
