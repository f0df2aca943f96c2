package io.civitas.tenant.grpc;

import org.jboss.logging.Logger;

import io.civitas.tenant.domain.InvalidApiKeyException;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.ExceptionHandler;
import io.quarkus.grpc.ExceptionHandlerProvider;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The one place where exceptions of gRPC services become {@link Status}es. Descriptions are generic: no class
 * names, no stack traces, nothing that helps guessing keys.
 */
@ApplicationScoped
public class GrpcExceptionMapper implements ExceptionHandlerProvider {

    private static final Logger LOGGER = Logger.getLogger(GrpcExceptionMapper.class);

    @Override
    public <ReqT, RespT> ExceptionHandler<ReqT, RespT> createHandler(ServerCall.Listener<ReqT> listener,
            ServerCall<ReqT, RespT> call, Metadata metadata) {
        return new ExceptionHandler<>(listener, call, metadata) {
            @Override
            protected void handleException(Throwable failure, ServerCall<ReqT, RespT> serverCall, Metadata headers) {
                serverCall.close(toStatus(failure), new Metadata());
            }
        };
    }

    @Override
    public Throwable transform(Throwable failure) {
        return toStatus(failure).asException();
    }

    static Status toStatus(Throwable failure) {
        return switch (failure) {
            case InvalidApiKeyException e -> Status.UNAUTHENTICATED.withDescription("Invalid API key");
            case StatusException e -> e.getStatus();
            case StatusRuntimeException e -> e.getStatus();
            default -> {
                LOGGER.error("Unexpected failure of a gRPC call", failure);
                yield Status.INTERNAL.withDescription("Internal error");
            }
        };
    }
}
