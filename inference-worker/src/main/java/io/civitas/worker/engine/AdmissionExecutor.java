package io.civitas.worker.engine;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * One dedicated worker thread (model work is CPU-bound and a model instance serves one request at a time) in front
 * of a bounded queue: a task that finds the queue full is refused with {@link QueueFullException}.
 */
final class AdmissionExecutor implements AutoCloseable {

    private final ThreadPoolExecutor executor;
    private final int queueSize;

    AdmissionExecutor(String threadName, int queueSize) {
        if (queueSize < 0) {
            throw new IllegalArgumentException("queue size must not be negative");
        }
        this.queueSize = queueSize;
        BlockingQueue<Runnable> queue = queueSize == 0 ? new SynchronousQueue<>() : new ArrayBlockingQueue<>(queueSize);
        this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, queue, r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs the task on the worker thread, or throws {@link QueueFullException} at once. */
    void submit(Runnable task) {
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            if (executor.isShutdown()) {
                throw new ModelNotReadyException("the worker is shutting down");
            }
            throw new QueueFullException(queueSize);
        }
    }

    /** Refuses new tasks, drops queued ones and waits briefly for the running one to notice it must stop. */
    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
