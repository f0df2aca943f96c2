package io.civitas.support.problem;

import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.TimeoutException;

import io.quarkus.oidc.common.runtime.OidcEndpointAccessException;
import io.vertx.core.http.HttpClosedException;

/**
 * Tells a failure to verify a bearer token because the identity provider (Keycloak) could not be reached or could
 * not serve from a failure because the token is bad. Quarkus OIDC wraps both in the same
 * {@code AuthenticationFailedException}; only the causes differ.
 */
public final class IdentityProviderFailures {

    private static final int MAX_DEPTH = 16;
    private static final int FIRST_SERVER_ERROR = 500;

    private IdentityProviderFailures() {
    }

    /**
     * Whether a cause of the failure is a connection to the identity provider that failed, was reset or timed out,
     * or a server error of the identity provider ({@link IdentityProviderErrorFilter}).
     */
    public static boolean isUnreachable(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.size() < MAX_DEPTH && seen.add(t); t = t.getCause()) {
            if (isNetworkFailure(t) || isServerError(t)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isNetworkFailure(Throwable t) {
        // SocketException covers refused and reset connections and no route to host; TimeoutException Mutiny's.
        return t instanceof SocketException || t instanceof UnknownHostException
                || t instanceof SocketTimeoutException || t instanceof TimeoutException
                || t instanceof HttpClosedException;
    }

    private static boolean isServerError(Throwable t) {
        return t instanceof IdentityProviderUnavailableException
                || t instanceof OidcEndpointAccessException access && access.getErrorStatus() >= FIRST_SERVER_ERROR;
    }
}
