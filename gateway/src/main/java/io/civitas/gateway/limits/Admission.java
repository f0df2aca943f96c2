package io.civitas.gateway.limits;

import java.util.concurrent.atomic.AtomicBoolean;

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

    /** The request ended (success, failure or cancellation) after using {@code tokens} prompt and completion tokens. */
    public void release(long tokens) {
        if (released.compareAndSet(false, true)) {
            freeSlots.run();
            limiter.recordTokens(tenantId, keyId, tokens);
        }
    }
}
