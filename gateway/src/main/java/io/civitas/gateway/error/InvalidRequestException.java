package io.civitas.gateway.error;

/** The request body is not a valid request; {@code param} names the offending field (may be null). */
public final class InvalidRequestException extends GatewayException {

    private final String param;

    public InvalidRequestException(String param, String message) {
        super(message);
        this.param = param;
    }

    public String param() {
        return param;
    }
}
