package io.civitas.gateway.error;

/** The request body is larger than the gateway accepts. */
public final class RequestTooLargeException extends GatewayException {

    public RequestTooLargeException(long maxBytes) {
        super("The request body is too large; the limit is " + maxBytes + " bytes.");
    }
}
