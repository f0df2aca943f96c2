package io.civitas.audit.chain;

/** The audit chain could not be read or written. */
public class AuditStoreException extends RuntimeException {

    public AuditStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
