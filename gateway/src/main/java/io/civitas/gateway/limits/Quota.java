package io.civitas.gateway.limits;

import io.civitas.api.events.v1.Quotas;

/** The per-minute and concurrency limits of a tenant or of one key; zero means no limit. */
public record Quota(long requestsPerMinute, long tokensPerMinute, int maxConcurrency) {

    /** No limit at all. */
    public static final Quota UNLIMITED = new Quota(0, 0, 0);

    public Quota {
        if (requestsPerMinute < 0 || tokensPerMinute < 0 || maxConcurrency < 0) {
            throw new IllegalArgumentException("Limits must not be negative");
        }
    }

    /** Reads the contract's quotas (an unset message is unlimited). */
    public static Quota from(Quotas quotas) {
        return new Quota(Integer.toUnsignedLong(quotas.getRequestsPerMinute()), quotas.getTokensPerMinute(),
                quotas.getMaxConcurrency() < 0 ? Integer.MAX_VALUE : quotas.getMaxConcurrency());
    }
}
