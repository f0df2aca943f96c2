package io.civitas.worker.engine;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Generated tokens per second over a recent window, from counts kept in 100 ms buckets for the last minute. A
 * window is rounded up to whole buckets and capped at a minute; the bucket in progress counts as a full one.
 */
final class TokenThroughput {

    static final Duration MAX_WINDOW = Duration.ofMinutes(1);
    private static final long BUCKET_NANOS = Duration.ofMillis(100).toNanos();
    private static final int BUCKETS = (int) (MAX_WINDOW.toNanos() / BUCKET_NANOS);

    private final LongSupplier nanoClock;
    private final long[] counts = new long[BUCKETS];
    private final long[] bucketIds = new long[BUCKETS];

    TokenThroughput(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /** Counts tokens generated now. */
    synchronized void record(int tokens) {
        long id = nanoClock.getAsLong() / BUCKET_NANOS;
        int slot = (int) Math.floorMod(id, (long) BUCKETS);
        if (bucketIds[slot] != id) {
            bucketIds[slot] = id;
            counts[slot] = 0;
        }
        counts[slot] += tokens;
    }

    /** Tokens per second over the last {@code window}. */
    synchronized double perSecond(Duration window) {
        long buckets = Math.clamp(Math.ceilDiv(window.toNanos(), BUCKET_NANOS), 1, BUCKETS);
        long newest = nanoClock.getAsLong() / BUCKET_NANOS;
        long total = 0;
        for (long id = newest - buckets + 1; id <= newest; id++) {
            int slot = (int) Math.floorMod(id, (long) BUCKETS);
            if (bucketIds[slot] == id) {
                total += counts[slot];
            }
        }
        return total * 1e9 / (buckets * BUCKET_NANOS);
    }
}
