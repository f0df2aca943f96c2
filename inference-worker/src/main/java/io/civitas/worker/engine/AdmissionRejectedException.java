package io.civitas.worker.engine;

/** A request the worker did not run: refused on arrival or expired while waiting for a sequence slot. */
public abstract sealed class AdmissionRejectedException extends RuntimeException
        permits QueueFullException, QueueTimeoutException, DeadlineExceededException, WorkerDrainingException {

    AdmissionRejectedException(String message) {
        super(message);
    }

    /** The reason as a metric tag value, e.g. "queue_full". */
    public abstract String reason();
}
