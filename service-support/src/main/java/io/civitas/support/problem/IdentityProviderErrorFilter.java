package io.civitas.support.problem;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.arc.Unremovable;
import io.quarkus.oidc.common.OidcEndpoint;
import io.quarkus.oidc.common.OidcResponseFilter;

/**
 * Turns a 5xx answer of the identity provider's JWKS or introspection endpoint into
 * {@link IdentityProviderUnavailableException}. Without it Quarkus OIDC fails with an {@code OIDCException} whose
 * message is the answer's body (or "Error status:503"), which cannot be told from a refused token reliably.
 * Unremovable: Quarkus OIDC looks its filters up by type, which ArC does not count as a use.
 */
@ApplicationScoped
@Unremovable
@OidcEndpoint({ OidcEndpoint.Type.JWKS, OidcEndpoint.Type.INTROSPECTION })
public class IdentityProviderErrorFilter implements OidcResponseFilter {

    private static final int FIRST_SERVER_ERROR = 500;

    @Override
    public void filter(OidcResponseContext context) {
        if (context.statusCode() >= FIRST_SERVER_ERROR) {
            throw new IdentityProviderUnavailableException(context.statusCode());
        }
    }
}
