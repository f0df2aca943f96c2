package io.civitas.worker.grpc;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.quarkus.grpc.GlobalInterceptor;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;

/**
 * Tells a call that its client went away. With gRPC on the shared HTTP server
 * ({@code quarkus.grpc.server.use-separate-server=false}), Vert.x 4.5 drops the client's RST_STREAM once the
 * request has been read, so a server-streaming call is never cancelled (quarkusio/quarkus#46986,
 * eclipse-vertx/vert.x#5562) and a generation would run to its end for nobody. This interceptor watches the HTTP
 * exchange behind the call (Quarkus exposes its RoutingContext while the call starts) and invokes the listener's
 * {@code onCancel} when the response fails before it ended: a stream reset or a closed connection.
 */
@GlobalInterceptor
@ApplicationScoped
public class CancellationPropagator implements ServerInterceptor {

    private static final Logger LOGGER = Logger.getLogger(CancellationPropagator.class);

    @Override
    public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(ServerCall<ReqT, RespT> call, Metadata headers,
            ServerCallHandler<ReqT, RespT> next) {
        ServerCall.Listener<ReqT> listener = next.startCall(call, headers);
        Context context = Vertx.currentContext();
        RoutingContext exchange = context == null ? null : context.getLocal(RoutingContext.class.getName());
        if (exchange != null) {
            exchange.addEndHandler(result -> {
                if (result.failed()) {
                    LOGGER.debugf("Client went away during %s", call.getMethodDescriptor().getFullMethodName());
                    listener.onCancel();
                }
            });
        } else {
            LOGGER.debug("No HTTP exchange visible to the gRPC call; cancellation relies on the transport");
        }
        return listener;
    }
}
