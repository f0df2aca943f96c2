package io.civitas.gateway.error;

import io.grpc.Status;

/** The inference worker answered with a gRPC error, or broke its contract. */
public final class WorkerFailureException extends GatewayException {

    private final Status.Code code;

    public WorkerFailureException(Status.Code code, String description) {
        super(description == null || description.isBlank() ? code.name() : description);
        this.code = code;
    }

    /** Wraps a failure of a worker call; gRPC errors keep their status code. */
    public static WorkerFailureException from(Throwable failure) {
        if (failure instanceof WorkerFailureException known) {
            return known;
        }
        Status status = Status.fromThrowable(failure);
        return new WorkerFailureException(status.getCode(), status.getDescription());
    }

    public Status.Code code() {
        return code;
    }
}
