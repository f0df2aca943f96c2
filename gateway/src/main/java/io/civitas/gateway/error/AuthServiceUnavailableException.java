package io.civitas.gateway.error;

/** tenant-service could not resolve a key (unreachable, timed out, failed): the gateway fails closed. */
public final class AuthServiceUnavailableException extends GatewayException {

    public AuthServiceUnavailableException(String reason) {
        super(reason);
    }
}
