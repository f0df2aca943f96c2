package io.civitas.gateway.metrics;

import java.util.function.LongSupplier;

/**
 * The gateway's own time on one request: from the complete request until the response head is written, minus the
 * time spent waiting on upstream calls (tenant-service's key resolution, the worker's model list, the worker's
 * answer). A call's wait runs from {@link #calling()} to its last {@link #answered()} before the head; so for a
 * non-streamed completion the whole generation is a wait, for a stream the wait ends with the first chunk. Touched
 * only on the request's event loop.
 */
public final class Overhead {

    private final LongSupplier nanoTime;
    private final long arrivalNanos;
    private long waitedNanos;
    private long callStartNanos = -1;
    private long callWaitNanos;

    public Overhead(long arrivalNanos, LongSupplier nanoTime) {
        this.arrivalNanos = arrivalNanos;
        this.nanoTime = nanoTime;
    }

    /** An upstream call starts; a previous call's wait is settled. */
    public void calling() {
        settle();
        callStartNanos = nanoTime.getAsLong();
    }

    /** The call in progress answered (a message, its end or its failure); nothing if no call is in progress. */
    public void answered() {
        if (callStartNanos >= 0) {
            callWaitNanos = nanoTime.getAsLong() - callStartNanos;
        }
    }

    /** The overhead so far, in nanoseconds (never negative). */
    public long nanos() {
        long elapsed = nanoTime.getAsLong() - arrivalNanos;
        return Math.max(0, elapsed - waitedNanos - callWaitNanos);
    }

    private void settle() {
        waitedNanos += callWaitNanos;
        callWaitNanos = 0;
        callStartNanos = -1;
    }
}
