package io.civitas.worker.engine;

/** The admission queue is full; the caller should try another worker. */
public final class QueueFullException extends RuntimeException {

    public QueueFullException(int queueSize) {
        super("admission queue is full (" + queueSize + " waiting)");
    }
}
