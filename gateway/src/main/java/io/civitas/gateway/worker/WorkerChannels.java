package io.civitas.gateway.worker;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.EventExecutor;

/**
 * The gRPC connections to one worker: one per event loop of the gateway's HTTP server, each driven by that loop, so
 * that a request's call to the worker is written and answered on the thread that serves its HTTP connection (no
 * hand-off between threads, which is most of the cost of a hop on a small machine).
 */
final class WorkerChannels {

    /**
     * HTTP/2 keepalive, to notice a vanished peer on an idle-looking load stream. Not shorter than grpc-java's
     * default server permitKeepAliveTime (5 minutes): more frequent pings get the connection closed.
     */
    private static final long KEEP_ALIVE_MINUTES = 5;

    private final List<EventLoop> loops;
    private final List<ManagedChannel> channels;

    private WorkerChannels(List<EventLoop> loops, List<ManagedChannel> channels) {
        this.loops = loops;
        this.channels = channels;
    }

    /** One channel to {@code address} (host:port) per event loop of {@code group}. */
    static WorkerChannels open(String address, EventLoopGroup group) {
        List<EventLoop> loops = new ArrayList<>();
        List<ManagedChannel> channels = new ArrayList<>();
        for (EventExecutor executor : group) {
            EventLoop loop = (EventLoop) executor;
            loops.add(loop);
            channels.add(NettyChannelBuilder.forTarget(address)
                    .eventLoopGroup(loop)
                    .channelType(NioSocketChannel.class)
                    .usePlaintext()
                    .keepAliveTime(KEEP_ALIVE_MINUTES, TimeUnit.MINUTES)
                    // The gateway fails over itself (WorkerClient), before the first byte only.
                    .disableRetry()
                    .build());
        }
        if (channels.isEmpty()) {
            throw new IllegalArgumentException("The event loop group has no event loops");
        }
        return new WorkerChannels(List.copyOf(loops), List.copyOf(channels));
    }

    /** One channel to {@code address} on grpc-java's own event loop (no HTTP server's loops to share: tests). */
    static WorkerChannels plain(String address) {
        ManagedChannel channel = Grpc.newChannelBuilder(address, InsecureChannelCredentials.create())
                .keepAliveTime(KEEP_ALIVE_MINUTES, TimeUnit.MINUTES).disableRetry().build();
        return new WorkerChannels(List.of(), List.of(channel));
    }

    /** The channels, in the order of {@link #indexOfCurrentLoop()}. */
    List<ManagedChannel> channels() {
        return channels;
    }

    /** The index of the channel driven by the calling thread's event loop; 0 off the event loops. */
    int indexOfCurrentLoop() {
        for (int i = 0; i < loops.size(); i++) {
            if (loops.get(i).inEventLoop()) {
                return i;
            }
        }
        return 0;
    }

    void shutdown() {
        channels.forEach(ManagedChannel::shutdown);
    }
}
