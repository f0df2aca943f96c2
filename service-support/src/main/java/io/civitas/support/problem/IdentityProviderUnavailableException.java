package io.civitas.support.problem;

/**
 * The identity provider answered a request of Quarkus OIDC (JWKS, token introspection) with a server error: it is
 * up but cannot serve, so a token that needs that answer cannot be verified. Thrown by
 * {@link IdentityProviderErrorFilter}; Quarkus OIDC wraps it in its authentication failure.
 */
public class IdentityProviderUnavailableException extends RuntimeException {

    private final int status;

    public IdentityProviderUnavailableException(int status) {
        super("The identity provider answered with HTTP status " + status);
        this.status = status;
    }

    /** The HTTP status of the identity provider's answer. */
    public int status() {
        return status;
    }
}
