package io.civitas.worker.engine;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Threads that share the rows of one matrix product, handed their share in well under a microsecond.
 *
 * <p>A decode step runs about a hundred matrix products of a few hundred microseconds each. Handing each to pooled
 * threads that park in between costs tens of microseconds per wake-up on a virtual machine (measured: 60-80 us on
 * the build machine), a fifth of the step. The helpers here spin for a while after their last share instead, so
 * that consecutive products of one step find them awake, and park only once work stops coming.
 */
final class MatVecTeam {

    /** Rows [from, to) of one product. */
    interface Rows {
        void run(int from, int to);
    }

    private static final long SPIN_NANOS = 2_000_000;
    /**
     * One contiguous range of rows per thread: it streams faster than smaller chunks taken in turn, which would even
     * out a thread slowed down by something else on its core (1.1B BF16 decode on the build machine, four alternating
     * runs each: 11.71 tokens/s at one chunk per thread, 11.06 at two; 10.3 against 10.9 at eight against two).
     */
    private static final int CHUNKS_PER_THREAD = 1;

    private final Helper[] helpers;
    private final AtomicBoolean dispatching = new AtomicBoolean();

    MatVecTeam(int threads) {
        helpers = new Helper[Math.max(0, threads - 1)];
        for (int i = 0; i < helpers.length; i++) {
            helpers[i] = new Helper();
            Thread thread = Thread.ofPlatform().daemon().name("civitas-matvec-" + (i + 1)).unstarted(helpers[i]);
            helpers[i].thread = thread;
            thread.start();
        }
    }

    int threads() {
        return helpers.length + 1;
    }

    /**
     * Runs rows [from, to) on the caller and the helpers, which take chunks of rows in turn until none are left (one
     * per thread, and what the division leaves over); on the caller alone if the rows are few or the helpers are busy
     * with another product (another model's, or one run from a share of this one).
     */
    void run(int from, int to, Rows rows) {
        int count = to - from;
        if (helpers.length == 0 || count < 2 * threads() || !dispatching.compareAndSet(false, true)) {
            rows.run(from, to);
            return;
        }
        try {
            Share share = new Share(rows, from, to, Math.max(1, count / (CHUNKS_PER_THREAD * threads())));
            for (Helper helper : helpers) {
                helper.give(share);
            }
            Throwable failure = null;
            try {
                share.work();
            } catch (RuntimeException | Error e) {
                failure = e;
            }
            for (Helper helper : helpers) {
                Throwable f = helper.awaitDone();
                failure = failure == null ? f : failure;
            }
            if (failure instanceof RuntimeException e) {
                throw e;
            }
            if (failure instanceof Error e) {
                throw e;
            }
        } finally {
            dispatching.set(false);
        }
    }

    /** One product's rows, taken chunk by chunk. */
    private static final class Share {
        private final Rows rows;
        private final int to;
        private final int chunk;
        private final AtomicInteger next;

        Share(Rows rows, int from, int to, int chunk) {
            this.rows = rows;
            this.to = to;
            this.chunk = chunk;
            this.next = new AtomicInteger(from);
        }

        void work() {
            for (int start = next.getAndAdd(chunk); start < to; start = next.getAndAdd(chunk)) {
                rows.run(start, Math.min(start + chunk, to));
            }
        }
    }

    private static final class Helper implements Runnable {
        private volatile Share share;
        private volatile boolean parked;
        private Throwable failure;
        private Thread thread;

        void give(Share work) {
            failure = null;
            share = work;
            if (parked) {
                LockSupport.unpark(thread);
            }
        }

        Throwable awaitDone() {
            while (share != null) {
                Thread.onSpinWait();
            }
            return failure;
        }

        @Override
        public void run() {
            long idleSince = System.nanoTime();
            while (true) {
                Share work = share;
                if (work != null) {
                    try {
                        work.work();
                    } catch (Throwable t) {
                        failure = t;
                    }
                    share = null;
                    idleSince = System.nanoTime();
                } else if (System.nanoTime() - idleSince < SPIN_NANOS) {
                    Thread.onSpinWait();
                } else {
                    parked = true;
                    if (share == null) {
                        LockSupport.park(this);
                    }
                    parked = false;
                    idleSince = System.nanoTime();
                }
            }
        }
    }
}
