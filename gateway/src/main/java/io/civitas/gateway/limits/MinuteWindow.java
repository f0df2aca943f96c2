package io.civitas.gateway.limits;

import java.util.Arrays;

/**
 * A sliding one-minute count in 60 one-second buckets: what was added during the epoch seconds
 * {@code now - 59 ... now}. Not thread-safe; {@link RateLimiter} guards it.
 */
final class MinuteWindow {

    static final int SECONDS = 60;

    private final long[] counts = new long[SECONDS];
    private final long[] seconds = new long[SECONDS];

    MinuteWindow() {
        Arrays.fill(seconds, Long.MIN_VALUE);
    }

    /** Adds {@code amount} to the bucket of {@code epochSecond}. */
    void add(long epochSecond, long amount) {
        int slot = slot(epochSecond);
        if (seconds[slot] != epochSecond) {
            seconds[slot] = epochSecond;
            counts[slot] = 0;
        }
        counts[slot] += amount;
    }

    /** The count of the minute ending with {@code now}. */
    long total(long now) {
        long total = 0;
        for (int slot = 0; slot < SECONDS; slot++) {
            if (inWindow(seconds[slot], now)) {
                total += counts[slot];
            }
        }
        return total;
    }

    /** Seconds until the minute's count drops below {@code limit} (at least 1); 0 if it is below already. */
    long secondsUntilBelow(long limit, long now) {
        long total = total(now);
        for (long second = now - SECONDS + 1; second <= now && total >= limit; second++) {
            int slot = slot(second);
            if (seconds[slot] == second) {
                total -= counts[slot];
            }
            if (total < limit) {
                // The bucket of `second` leaves the window when the clock reaches second + 60.
                return Math.max(1, second + SECONDS - now);
            }
        }
        return total < limit ? 0 : SECONDS;
    }

    /** True when nothing in the window counts any more. */
    boolean isIdle(long now) {
        return total(now) == 0;
    }

    private static boolean inWindow(long second, long now) {
        return second <= now && second > now - SECONDS;
    }

    private static int slot(long epochSecond) {
        return (int) Math.floorMod(epochSecond, (long) SECONDS);
    }
}
