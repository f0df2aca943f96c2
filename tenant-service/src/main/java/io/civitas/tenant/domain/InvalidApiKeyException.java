package io.civitas.tenant.domain;

/**
 * A presented API key does not authenticate anyone. The message is deliberately generic; {@link #reason()} is for
 * the service's own debug logging only and must never reach the caller.
 */
public class InvalidApiKeyException extends RuntimeException {

    /** Why a key was refused. */
    public enum Reason {
        MALFORMED,
        UNKNOWN_KEY_ID,
        SECRET_MISMATCH,
        REVOKED,
        EXPIRED,
        TENANT_NOT_ACTIVE
    }

    private final Reason reason;

    public InvalidApiKeyException(Reason reason) {
        super("Invalid API key", null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
