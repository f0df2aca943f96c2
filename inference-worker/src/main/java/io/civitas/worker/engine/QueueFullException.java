package io.civitas.worker.engine;

/** The admission queue is full; the caller should try another worker. */
public final class QueueFullException extends AdmissionRejectedException {

    public QueueFullException(int queueSize) {
        super("admission queue is full (" + queueSize + " waiting)");
    }

    @Override
    public String reason() {
        return "queue_full";
    }
}
