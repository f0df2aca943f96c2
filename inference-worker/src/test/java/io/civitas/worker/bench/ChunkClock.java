package io.civitas.worker.bench;

import java.util.List;
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
 * For tests and {@link GrpcHopBench}: notes when and on which thread the worker hands each Generate chunk to gRPC
 * ({@code ServerCall.sendMessage}), so that a test in the same JVM can time each chunk from there to the client, or
 * check the thread. Records nothing between {@link #start} and {@link #stop} (the module's other tests share the class
 * path).
 */
@GlobalInterceptor
@ApplicationScoped
public class ChunkClock implements ServerInterceptor {

    /**
     * A chunk handed to gRPC: its completion tokens (its place in the stream), when, on which thread (digits left
     * out), and whether that was the thread the call started on (its event loop).
     */
    public record Sent(int completionTokens, long nanos, String thread, boolean onCallThread) {
    }

    private static volatile boolean recording;
    private static final ConcurrentLinkedQueue<Sent> SENT = new ConcurrentLinkedQueue<>();

    /** Forgets what was recorded and records the chunks of calls that start from now on. */
    public static void start() {
        SENT.clear();
        recording = true;
    }

    /** Stops recording. */
    public static List<Sent> stop() {
        recording = false;
        return List.copyOf(SENT);
    }

    @Override
    public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(ServerCall<ReqT, RespT> call, Metadata headers,
            ServerCallHandler<ReqT, RespT> next) {
        if (!recording || !call.getMethodDescriptor().getBareMethodName().equals("Generate")) {
            return next.startCall(call, headers);
        }
        Thread callThread = Thread.currentThread();
        return next.startCall(new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
            @Override
            public void sendMessage(RespT message) {
                long now = System.nanoTime();
                Thread thread = Thread.currentThread();
                SENT.add(new Sent(((GenerateChunk) message).getCompletionTokens(), now,
                        thread.getName().replaceAll("\\d+", "N"), thread == callThread));
                super.sendMessage(message);
            }
        }, headers);
    }
}
