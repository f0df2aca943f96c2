package io.civitas.worker.engine;

import java.time.Duration;

/** The request waited in the admission queue longer than the queue timeout and was never started. */
public final class QueueTimeoutException extends AdmissionRejectedException {

    public QueueTimeoutException(Duration waited) {
        super("no sequence slot became free within " + waited.toMillis() + " ms");
    }

    @Override
    public String reason() {
        return "queue_timeout";
    }
}
