package io.civitas.worker.catalog;

/** A served model needs GPUs the worker does not own; the worker refuses to start. */
public final class GpuRequirementException extends RuntimeException {

    public GpuRequirementException(String message) {
        super(message);
    }
}
