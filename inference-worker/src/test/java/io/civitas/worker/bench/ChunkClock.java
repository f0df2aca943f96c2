package io.civitas.worker.bench;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import jakarta.enterprise.context.ApplicationScoped;

import io.civitas.api.inference.v1.GenerateChunk;
import io.grpc.ForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.quarkus.grpc.GlobalInterceptor;

/**
 * For {@link GrpcHopBench}: notes when the worker hands each Generate chunk to gRPC ({@code ServerCall.sendMessage},
 * called on the thread that generated it), so that the bench, in the same JVM, can time each chunk from there to the
 * client. Records nothing unless {@link #recording} is set (the module's other tests share the class path).
 */
@GlobalInterceptor
@ApplicationScoped
public class ChunkClock implements ServerInterceptor {

    /** A chunk handed to gRPC: its completion tokens (its place in the stream), when, and on which thread. */
    record Sent(int completionTokens, long nanos, String thread) {
    }

    static volatile boolean recording;
    static final ConcurrentLinkedQueue<Sent> SENT = new ConcurrentLinkedQueue<>();
    static final Map<String, Integer> THREADS = new ConcurrentHashMap<>();

    @Override
    public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(ServerCall<ReqT, RespT> call, Metadata headers,
            ServerCallHandler<ReqT, RespT> next) {
        if (!recording || !call.getMethodDescriptor().getBareMethodName().equals("Generate")) {
            return next.startCall(call, headers);
        }
        return next.startCall(new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
            @Override
            public void sendMessage(RespT message) {
                long now = System.nanoTime();
                String thread = Thread.currentThread().getName().replaceAll("\\d+", "N");
                SENT.add(new Sent(((GenerateChunk) message).getCompletionTokens(), now, thread));
                super.sendMessage(message);
            }
        }, headers);
    }
}
