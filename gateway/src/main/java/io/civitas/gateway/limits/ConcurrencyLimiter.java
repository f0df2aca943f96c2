package io.civitas.gateway.limits;

import java.util.concurrent.ConcurrentHashMap;

/** Requests in flight on this replica per subject (a tenant or a key), each up to a cap. */
final class ConcurrencyLimiter {

    private final ConcurrentHashMap<String, Integer> inFlight = new ConcurrentHashMap<>();

    /** Takes a slot if fewer than {@code cap} are taken (a cap of 0 means none); false when full. */
    boolean tryAcquire(String subject, int cap) {
        if (cap <= 0) {
            return true;
        }
        boolean[] taken = {false};
        inFlight.compute(subject, (ignored, current) -> {
            int now = current == null ? 0 : current;
            if (now >= cap) {
                return current;
            }
            taken[0] = true;
            return now + 1;
        });
        return taken[0];
    }

    /** Gives back a slot taken with a positive cap. */
    void release(String subject) {
        inFlight.computeIfPresent(subject, (ignored, current) -> current <= 1 ? null : current - 1);
    }

    int inFlight(String subject) {
        return inFlight.getOrDefault(subject, 0);
    }
}
