package io.civitas.audit.checkpoint;

/** The signing key is missing or unusable; the service does not start without one. */
public class SigningKeyException extends RuntimeException {

    public SigningKeyException(String message, Throwable cause) {
        super(message, cause);
    }
}
