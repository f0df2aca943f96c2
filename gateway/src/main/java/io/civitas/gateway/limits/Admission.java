package io.civitas.gateway.limits;

import java.util.concurrent.atomic.AtomicBoolean;

import io.civitas.gateway.events.ServedRequest;

/** One admitted request's hold on its limits: concurrency slots now, tokens when it ends. Released once. */
public final class Admission {

    private final RateLimiter limiter;
    private final String tenantId;
    private final String keyId;
    private final Runnable freeSlots;
    private final AtomicBoolean released = new AtomicBoolean();

    Admission(RateLimiter limiter, String tenantId, String keyId, Runnable freeSlots) {
        this.limiter = limiter;
        this.tenantId = tenantId;
        this.keyId = keyId;
        this.freeSlots = freeSlots;
    }

    /** The request ended (success, failure or cancellation): frees its slots and counts its tokens. */
    public void release(ServedRequest served) {
        if (released.compareAndSet(false, true)) {
            freeSlots.run();
            limiter.recordTokens(tenantId, keyId,
                    (long) served.usage().promptTokens() + served.usage().completionTokens());
        }
    }
}
