package io.civitas.gateway.error;

/** A tenant or key already has as many requests in flight as its cap allows on this replica. */
public final class ConcurrencyLimitExceededException extends GatewayException {

    public ConcurrencyLimitExceededException(String who, int cap) {
        super("Too many concurrent requests for " + who + ": at most " + cap
                + " may be in flight at once. Please retry when one has finished.");
    }
}
