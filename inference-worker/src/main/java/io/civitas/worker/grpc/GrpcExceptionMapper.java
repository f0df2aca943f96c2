package io.civitas.worker.grpc;

import java.util.concurrent.CompletionException;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.civitas.worker.engine.DeadlineExceededException;
import io.civitas.worker.engine.EngineFailedException;
import io.civitas.worker.engine.EngineOverloadedException;
import io.civitas.worker.engine.EngineRefusedException;
import io.civitas.worker.engine.EngineUnavailableException;
import io.civitas.worker.engine.InvalidRequestException;
import io.civitas.worker.engine.ModelNotFoundException;
import io.civitas.worker.engine.ModelNotReadyException;
import io.civitas.worker.engine.QueueFullException;
import io.civitas.worker.engine.QueueTimeoutException;
import io.civitas.worker.engine.UnsupportedFeatureException;
import io.civitas.worker.engine.WorkerDrainingException;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.ExceptionHandler;
import io.quarkus.grpc.ExceptionHandlerProvider;

/** The one place where the worker's failures become gRPC statuses. Descriptions never carry stack traces. */
@ApplicationScoped
public class GrpcExceptionMapper implements ExceptionHandlerProvider {

    private static final Logger LOGGER = Logger.getLogger(GrpcExceptionMapper.class);

    @Override
    public <ReqT, RespT> ExceptionHandler<ReqT, RespT> createHandler(ServerCall.Listener<ReqT> listener,
            ServerCall<ReqT, RespT> call, Metadata metadata) {
        return new ExceptionHandler<>(listener, call, metadata) {
            @Override
            protected void handleException(Throwable failure, ServerCall<ReqT, RespT> serverCall, Metadata headers) {
                try {
                    serverCall.close(toStatus(failure), new Metadata());
                } catch (IllegalStateException alreadyClosed) {
                    LOGGER.debug("Call already closed when its failure arrived");
                }
            }
        };
    }

    @Override
    public Throwable transform(Throwable failure) {
        return toStatus(failure).asException();
    }

    /** Maps a failure to its status. */
    public static Status toStatus(Throwable failure) {
        Throwable t = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause()
                : failure;
        return switch (t) {
            case StatusException e -> e.getStatus();
            case StatusRuntimeException e -> e.getStatus();
            case InvalidRequestException e -> Status.INVALID_ARGUMENT.withDescription(e.getMessage()).withCause(e);
            case ModelNotFoundException e -> Status.NOT_FOUND.withDescription(e.getMessage()).withCause(e);
            case ModelNotReadyException e -> Status.UNAVAILABLE.withDescription(e.getMessage()).withCause(e);
            case QueueFullException e -> Status.RESOURCE_EXHAUSTED.withDescription(e.getMessage()).withCause(e);
            case QueueTimeoutException e -> Status.RESOURCE_EXHAUSTED.withDescription(e.getMessage()).withCause(e);
            case DeadlineExceededException e ->
                Status.DEADLINE_EXCEEDED.withDescription(e.getMessage()).withCause(e);
            case WorkerDrainingException e -> Status.UNAVAILABLE.withDescription(e.getMessage()).withCause(e);
            case UnsupportedFeatureException e ->
                Status.FAILED_PRECONDITION.withDescription(e.getMessage()).withCause(e);
            case EngineRefusedException e -> Status.FAILED_PRECONDITION.withDescription(e.getMessage()).withCause(e);
            case EngineOverloadedException e ->
                Status.RESOURCE_EXHAUSTED.withDescription(e.getMessage()).withCause(e);
            case EngineUnavailableException e -> Status.UNAVAILABLE.withDescription(e.getMessage()).withCause(e);
            case EngineFailedException e -> Status.INTERNAL.withDescription(e.getMessage()).withCause(e);
            default -> {
                LOGGER.error("Unexpected failure while serving a request", t);
                yield Status.INTERNAL.withDescription("internal error").withCause(t);
            }
        };
    }
}
