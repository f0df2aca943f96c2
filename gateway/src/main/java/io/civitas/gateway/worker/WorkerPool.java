package io.civitas.gateway.worker;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.civitas.api.inference.v1.ModelInfo;
import io.civitas.gateway.config.GatewayConfig;
import io.grpc.Channel;
import io.netty.channel.EventLoopGroup;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;

/**
 * The inference workers the gateway may route to, one channel and one load watch each. Static addresses come from
 * configuration (or, with neither addresses nor discovery, the one gRPC client "worker"); {@link PodDiscovery} adds
 * and removes workers at run time.
 */
@ApplicationScoped
public class WorkerPool {

    /** The pool member of the gRPC client "worker", used when no static address is listed. */
    static final String CLIENT_WORKER = "grpc-client:worker";
    private static final Logger LOGGER = Logger.getLogger(WorkerPool.class);
    private final GatewayConfig.Worker config;
    private final Channel clientChannel;
    private final Map<String, Member> members = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("gateway-worker-watch").daemon(true).factory());
    private final EventLoopGroup eventLoops;

    private record Member(WorkerNode node, LoadWatch watch) {
    }

    /** {@code vertx} drives the workers' channels (its event loops); null: a plain channel per worker (tests). */
    public WorkerPool(GatewayConfig config, @GrpcClient("worker") Channel clientChannel, Vertx vertx) {
        this.config = config.worker();
        if (this.config.loadStaleMillis() <= this.config.loadIntervalMillis()) {
            throw new IllegalArgumentException("civitas.gateway.worker.load-stale-millis ("
                    + this.config.loadStaleMillis() + ") must be longer than load-interval-millis ("
                    + this.config.loadIntervalMillis() + "), else every worker would count as stale");
        }
        this.clientChannel = clientChannel;
        this.eventLoops = vertx == null ? null : vertx.nettyEventLoopGroup();
    }

    void start(@Observes StartupEvent started) {
        List<String> addresses = config.addresses().orElse(List.of());
        List<LoadWatch> watches = addresses.isEmpty() && !config.discovery().enabled()
                ? List.of(join(new WorkerNode(CLIENT_WORKER, clientChannel)))
                : addresses.stream().map(String::strip).filter(a -> !a.isEmpty()).map(this::add).toList();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(config.startupWaitMillis());
        try {
            for (LoadWatch watch : watches) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0 || !watch.awaitFirstOutcome(left)) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Adds the worker at {@code address} (host:port) unless present; returns its watch. */
    public synchronized LoadWatch add(String address) {
        Member present = members.get(address);
        if (present != null) {
            return present.watch();
        }
        return join(new WorkerNode(address, eventLoops == null ? WorkerChannels.plain(address)
                : WorkerChannels.open(address, eventLoops)));
    }

    /** Removes the worker at {@code address}, if present: no new request goes to it; running ones finish. */
    public synchronized void remove(String address) {
        Member member = members.remove(address);
        if (member != null) {
            LOGGER.infof("Worker removed: worker=%s", address);
            member.watch().stop();
            member.node().shutdown();
        }
    }

    /** The workers known now, eligible or not. */
    public Collection<WorkerNode> nodes() {
        return members.values().stream().map(Member::node).toList();
    }

    /** Workers that serve {@code model} in one of {@code regions}, are live and not draining, minus {@code tried}. */
    public List<WorkerNode> eligible(String model, Set<String> regions, Set<String> tried) {
        return members.values().stream().map(Member::node)
                .filter(node -> !tried.contains(node.address()) && node.state().eligibleFor(model, regions))
                .toList();
    }

    /** The models served now by live, non-draining workers in {@code regions}, once each, by id. */
    public List<ModelInfo> models(Set<String> regions) {
        Map<String, ModelInfo> byId = new LinkedHashMap<>();
        members.values().stream().map(member -> member.node().state())
                .filter(state -> state.serves() && regions.contains(state.region()))
                .forEach(state -> state.models().stream()
                        .filter(model -> state.load().getModelsList().contains(model.getId()))
                        .forEach(model -> byId.putIfAbsent(model.getId(), model)));
        return List.copyOf(byId.values());
    }

    private LoadWatch join(WorkerNode node) {
        LoadWatch watch = new LoadWatch(node, timer, config);
        members.put(node.address(), new Member(node, watch));
        LOGGER.infof("Worker added: worker=%s", node.address());
        watch.start();
        return watch;
    }

    @PreDestroy
    void close() {
        List.copyOf(members.keySet()).forEach(this::remove);
        timer.shutdownNow();
    }
}
