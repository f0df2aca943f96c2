package io.civitas.gateway.error;

import java.util.List;

/** The API key is valid but lacks the scope the endpoint needs. */
public final class InsufficientScopeException extends GatewayException {

    public InsufficientScopeException(List<String> anyOf) {
        super("The API key does not have the scope this endpoint needs (" + String.join(" or ", anyOf) + ").");
    }
}
