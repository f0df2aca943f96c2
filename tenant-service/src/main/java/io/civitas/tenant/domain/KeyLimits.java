package io.civitas.tenant.domain;

/**
 * Limits of one API key on top of its tenant's; 0 means "only the tenant's limits apply".
 */
public record KeyLimits(int requestsPerMinute, long tokensPerMinute, int maxConcurrency) {

    /** Only the tenant's limits apply. */
    public static final KeyLimits NONE = new KeyLimits(0, 0, 0);

    public KeyLimits {
        Quotas.requireNotNegative(requestsPerMinute, "limits.requestsPerMinute");
        Quotas.requireNotNegative(tokensPerMinute, "limits.tokensPerMinute");
        Quotas.requireNotNegative(maxConcurrency, "limits.maxConcurrency");
    }
}
