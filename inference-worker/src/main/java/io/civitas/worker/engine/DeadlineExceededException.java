package io.civitas.worker.engine;

/** The caller's deadline passed while the request waited for a sequence slot; it was never started. */
public final class DeadlineExceededException extends AdmissionRejectedException {

    public DeadlineExceededException() {
        super("the call's deadline passed while it waited for a sequence slot");
    }

    @Override
    public String reason() {
        return "deadline";
    }
}
