package io.civitas.worker.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Sequence slots (one dedicated thread each: model work is CPU-bound) behind a bounded queue. A task that finds the
 * queue full is refused at once; a queued task that waits past the queue timeout or its caller's deadline is
 * expired (removed from the queue and never started). Once draining, new tasks are refused and queued ones expire.
 */
final class AdmissionController implements AutoCloseable {

    private final ThreadPoolExecutor executor;
    private final ScheduledThreadPoolExecutor timer;
    private final int maxSequences;
    private final int queueSize;
    private final Duration queueTimeout;
    private final AtomicInteger running = new AtomicInteger();
    private final Object idle = new Object();
    private volatile boolean draining;

    AdmissionController(String name, int maxSequences, int queueSize, Duration queueTimeout) {
        if (maxSequences < 1 || queueSize < 0 || queueTimeout.isNegative() || queueTimeout.isZero()) {
            throw new IllegalArgumentException("need at least one sequence, a queue size >= 0, a positive timeout");
        }
        this.maxSequences = maxSequences;
        this.queueSize = queueSize;
        this.queueTimeout = queueTimeout;
        BlockingQueue<Runnable> queue = queueSize == 0 ? new SynchronousQueue<>() : new ArrayBlockingQueue<>(queueSize);
        AtomicInteger threads = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(maxSequences, maxSequences, 0, TimeUnit.MILLISECONDS, queue,
                r -> daemon(r, name + "-" + threads.incrementAndGet()));
        this.timer = new ScheduledThreadPoolExecutor(1, r -> daemon(r, name + "-expiry"));
        this.timer.setRemoveOnCancelPolicy(true);
    }

    /**
     * Admits a task: it runs on a free slot unless it expires first, in which case {@code onExpired} receives a
     * {@link QueueTimeoutException}, {@link DeadlineExceededException} or {@link WorkerDrainingException}.
     *
     * @param callerTimeLeft time until the caller's deadline, when it has one
     * @return the admission, to withdraw when the caller goes away
     * @throws AdmissionRejectedException at once when the queue is full, the worker drains or the deadline passed
     */
    Ticket admit(Runnable task, Consumer<AdmissionRejectedException> onExpired, Optional<Duration> callerTimeLeft) {
        if (draining) {
            throw new WorkerDrainingException();
        }
        boolean callerFirst = callerTimeLeft.filter(left -> left.compareTo(queueTimeout) < 0).isPresent();
        Duration wait = callerFirst ? callerTimeLeft.orElseThrow() : queueTimeout;
        if (wait.isNegative() || wait.isZero()) {
            throw new DeadlineExceededException();
        }
        Ticket ticket = new Ticket(task, onExpired);
        try {
            executor.execute(ticket);
        } catch (RejectedExecutionException e) {
            throw executor.isShutdown() ? new WorkerDrainingException() : new QueueFullException(queueSize);
        }
        ticket.expiry = timer.schedule(
                () -> ticket.expire(callerFirst ? new DeadlineExceededException() : new QueueTimeoutException(wait)),
                wait.toNanos(), TimeUnit.NANOSECONDS);
        return ticket;
    }

    /** Requests waiting for a slot. */
    int queueDepth() {
        return executor.getQueue().size();
    }

    int queueCapacity() {
        return queueSize;
    }

    /** Tasks running now. */
    int running() {
        return running.get();
    }

    int maxSequences() {
        return maxSequences;
    }

    boolean draining() {
        return draining;
    }

    /** Refuses new tasks from now on and expires the queued ones with {@link WorkerDrainingException}. */
    void drain() {
        draining = true;
        List<Runnable> queued = new ArrayList<>();
        executor.getQueue().drainTo(queued);
        queued.forEach(r -> ((Ticket) r).expire(new WorkerDrainingException()));
    }

    /** Waits until no task runs; returns false when {@code timeout} passed first. */
    boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (idle) {
            while (running.get() > 0 || queueDepth() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(idle, left);
            }
            return true;
        }
    }

    /** Refuses new tasks, drops queued ones and waits briefly for running ones to notice they must stop. */
    @Override
    public void close() {
        draining = true;
        timer.shutdownNow();
        executor.shutdownNow();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** One admitted task; it either runs, expires or is withdrawn, exactly once. */
    final class Ticket implements Runnable {

        private final Runnable task;
        private final Consumer<AdmissionRejectedException> onExpired;
        private final AtomicBoolean claimed = new AtomicBoolean();
        private volatile ScheduledFuture<?> expiry;

        private Ticket(Runnable task, Consumer<AdmissionRejectedException> onExpired) {
            this.task = task;
            this.onExpired = onExpired;
        }

        @Override
        public void run() {
            if (!claimed.compareAndSet(false, true)) {
                return;
            }
            cancelExpiry();
            running.incrementAndGet();
            try {
                task.run();
            } finally {
                running.decrementAndGet();
                synchronized (idle) {
                    idle.notifyAll();
                }
            }
        }

        /** Removes the task from the queue if it has not started. */
        void withdraw() {
            if (claimed.compareAndSet(false, true)) {
                executor.remove(this);
                cancelExpiry();
            }
        }

        private void expire(AdmissionRejectedException reason) {
            if (claimed.compareAndSet(false, true)) {
                executor.remove(this);
                onExpired.accept(reason);
            }
        }

        private void cancelExpiry() {
            ScheduledFuture<?> f = expiry;
            if (f != null) {
                f.cancel(false);
            }
        }
    }
}
