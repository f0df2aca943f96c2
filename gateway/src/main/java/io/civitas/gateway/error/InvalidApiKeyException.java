package io.civitas.gateway.error;

/** The request carries no API key, a malformed one, or one tenant-service does not accept. */
public final class InvalidApiKeyException extends GatewayException {

    public InvalidApiKeyException(String message) {
        super(message);
    }
}
