package io.civitas.worker.engine;

/** The worker is shutting down and admits no new requests; the caller should try another worker. */
public final class WorkerDrainingException extends AdmissionRejectedException {

    public WorkerDrainingException() {
        super("draining");
    }

    @Override
    public String reason() {
        return "draining";
    }
}
