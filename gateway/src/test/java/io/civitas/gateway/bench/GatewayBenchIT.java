package io.civitas.gateway.bench;

import static io.civitas.gateway.fakes.FakeTenantService.BENCH_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntToDoubleFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.civitas.api.inference.v1.ChatInput;
import io.civitas.api.inference.v1.ChatMessage;
import io.civitas.api.inference.v1.GenerateRequest;
import io.civitas.api.inference.v1.InferenceServiceGrpc;
import io.civitas.api.inference.v1.InferenceServiceGrpc.InferenceServiceBlockingStub;
import io.civitas.gateway.fakes.FakeInferenceWorker;
import io.civitas.gateway.fakes.FakeTenantService;
import io.civitas.gateway.metrics.GatewayMetrics;
import io.civitas.gateway.support.Chat;
import io.civitas.testsupport.process.KafkaBroker;
import io.civitas.testsupport.process.ProjectLayout;
import io.civitas.testsupport.process.QuarkusService;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;

/**
 * The gateway's added latency, throughput, idle streams and memory. The packaged gateway runs in its own process, as
 * deployed (JVM options of the Helm chart's default, 1 GiB container), with key checks, rate and concurrency limits
 * and usage events on, publishing to a real Kafka broker process; the tenant-service and an instantly answering
 * worker are gRPC doubles in this JVM, which is also the load generator (lean HTTP/1.1 clients on blocking sockets).
 * Every figure is compared, in the same run, with calling the worker directly over gRPC. Run with
 * {@code ./civitas bench gateway}; never part of the default build.
 */
class GatewayBenchIT {

    private static final int WARMUP = Integer.getInteger("bench.warmup", 100_000);
    private static final int REQUESTS = Integer.getInteger("bench.requests", 10_000);
    private static final int CONNECTIONS = Integer.getInteger("bench.connections", 16);
    private static final int LOAD_REQUESTS = Integer.getInteger("bench.load-requests", 40_000);
    private static final int IDLE_STREAMS = Integer.getInteger("bench.idle-streams", 5_000);
    /** The chart's default JVM options in its default 1 GiB container, plus any of -Dbench.gateway.jvm (profiling). */
    private static final List<String> GATEWAY_JVM = Stream.concat(
            Stream.of("-XX:MaxRAM=1g", "-XX:MaxRAMPercentage=75"),
            Arrays.stream(System.getProperty("bench.gateway.jvm", "").split(" ")).filter(option -> !option.isBlank()))
            .toList();
    private static final String MODEL = "civitas-echo";

    @Test
    void measure() throws Exception {
        ProjectLayout layout = ProjectLayout.locate();
        Path dir = layout.runDir("gateway-bench");
        Server upstream = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .addService(new FakeTenantService()).addService(new FakeInferenceWorker()).build().start();
        String upstreamAddress = "127.0.0.1:" + upstream.getPort();
        ManagedChannel direct = ManagedChannelBuilder.forTarget(upstreamAddress).usePlaintext().build();
        try (KafkaBroker kafka = KafkaBroker.start(layout.kafkaClasspath(), dir.resolve("kafka"));
                QuarkusService gateway = QuarkusService.start("gateway", layout.quarkusApp("gateway"), GATEWAY_JVM,
                        Map.of("quarkus.grpc.clients.tenant.host", "127.0.0.1",
                                "quarkus.grpc.clients.tenant.port", String.valueOf(upstream.getPort()),
                                "civitas.gateway.worker.addresses", upstreamAddress,
                                "kafka.bootstrap.servers", kafka.bootstrapServers(),
                                "civitas.gateway.events.spool.dir", dir.resolve("gateway-spool").toString()),
                        dir.resolve("gateway")).awaitReady()) {
            run(gateway, InferenceServiceGrpc.newBlockingStub(direct));
        } finally {
            direct.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            upstream.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private void run(QuarkusService gateway, InferenceServiceBlockingStub worker) throws Exception {
        byte[] chat = RawHttpConnection.post(gateway.port(), Chat.COMPLETIONS, BENCH_KEY,
                Chat.body(MODEL, "hello", ""));
        GenerateRequest generate = GenerateRequest.newBuilder().setRequestId("bench").setModel(MODEL)
                .setTenantId("tenant-bench").setChat(ChatInput.newBuilder()
                        .addMessages(ChatMessage.newBuilder().setRole("system").setContent("Be brief."))
                        .addMessages(ChatMessage.newBuilder().setRole("user").setContent("hello")))
                .build();
        Caller viaGateway = () -> new GatewayCaller(gateway.port(), chat);
        Caller toWorker = () -> () -> timed(() -> worker.generate(generate).forEachRemaining(chunk -> {
        }));

        sequential(viaGateway, WARMUP);
        sequential(toWorker, WARMUP);
        Map<String, Long> cpuBefore = threadCpuNanos(gateway.pid());
        if (Boolean.getBoolean("bench.debug")) {
            System.out.println("sequential gateway phase starts at gateway uptime ms " + uptimeMillis(gateway.pid()));
        }
        Latencies gatewayLatency = sequential(viaGateway, REQUESTS);
        if (Boolean.getBoolean("bench.debug")) {
            System.out.println("sequential gateway phase ends at gateway uptime ms " + uptimeMillis(gateway.pid()));
        }
        Map<String, Long> cpuSpent = new TreeMap<>();
        threadCpuNanos(gateway.pid()).forEach((group, nanos) -> cpuSpent.put(group,
                nanos - cpuBefore.getOrDefault(group, 0L)));
        Latencies workerLatency = sequential(toWorker, REQUESTS);
        RssSampler rss = new RssSampler(gateway.pid()).start();
        double gatewayRate = concurrent(viaGateway);
        long rssUnderLoad = rss.stop();
        double workerRate = concurrent(toWorker);
        IdleStreams idle = holdIdleStreams(gateway);

        System.out.printf("%nGateway benchmark: gateway in its own JVM (%s), Kafka broker in its own; tenant-service"
                + " and worker doubles and the load generator in this JVM; %d cores%n", String.join(" ", GATEWAY_JVM),
                Runtime.getRuntime().availableProcessors());
        System.out.printf("  one connection, %d sequential requests after %d warm-up:%n", REQUESTS, WARMUP);
        System.out.printf("    via gateway (HTTP/1.1)  p50 %7.3f ms  p99 %7.3f ms  p99.9 %7.3f ms%n",
                gatewayLatency.millis(50), gatewayLatency.millis(99), gatewayLatency.millis(99.9));
        System.out.printf("    direct to worker (gRPC) p50 %7.3f ms  p99 %7.3f ms  p99.9 %7.3f ms%n",
                workerLatency.millis(50), workerLatency.millis(99), workerLatency.millis(99.9));
        System.out.printf("    added by the gateway    p50 %7.3f ms  p99 %7.3f ms%n",
                gatewayLatency.millis(50) - workerLatency.millis(50),
                gatewayLatency.millis(99) - workerLatency.millis(99));
        System.out.printf("    %s header p50 %.3f ms  p99 %.3f ms%n", GatewayMetrics.OVERHEAD_HEADER,
                gatewayLatency.overheadMillis(50), gatewayLatency.overheadMillis(99));
        System.out.printf("    gateway CPU time per request: %.0f µs in all (%s)%n",
                cpuSpent.values().stream().mapToLong(Long::longValue).sum() / 1e3 / REQUESTS,
                cpuSpent.entrySet().stream().filter(entry -> entry.getValue() > 0)
                        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                        .map(entry -> String.format("%s %.0f", entry.getKey(), entry.getValue() / 1e3 / REQUESTS))
                        .collect(Collectors.joining(", ")));
        System.out.printf("  %d connections, %d requests:%n", CONNECTIONS, LOAD_REQUESTS);
        System.out.printf("    via gateway %8.0f req/s   direct to worker %8.0f req/s   ratio %.2f%n", gatewayRate,
                workerRate, gatewayRate / workerRate);
        System.out.printf("    gateway RSS: %d MB at start of load, %d MB peak under load%n", rss.first() >> 20,
                rssUnderLoad >> 20);
        System.out.printf("  idle SSE streams: %d of %d held open (first event received, worker silent);"
                + " gateway RSS %d MB while held; one more request meanwhile took %.3f ms%n", idle.held(),
                IDLE_STREAMS, idle.rssBytes() >> 20, idle.probeMillis());
        assertThat(idle.held()).isEqualTo(IDLE_STREAMS);
    }

    /** Opens {@link #IDLE_STREAMS} streaming requests the worker never finishes; each gets its first event. */
    private static IdleStreams holdIdleStreams(QuarkusService gateway) throws Exception {
        byte[] hang = RawHttpConnection.post(gateway.port(), Chat.COMPLETIONS, BENCH_KEY,
                Chat.body(MODEL, "hang", "\"stream\":true"));
        ConcurrentLinkedQueue<RawHttpConnection> open = new ConcurrentLinkedQueue<>();
        AtomicInteger held = new AtomicInteger();
        AtomicLong failures = new AtomicLong();
        Semaphore connecting = new Semaphore(200);
        CountDownLatch done = new CountDownLatch(IDLE_STREAMS);
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < IDLE_STREAMS; i++) {
                clients.execute(() -> {
                    try {
                        connecting.acquire();
                        try {
                            RawHttpConnection connection = new RawHttpConnection(gateway.port(), "-");
                            open.add(connection);
                            if (connection.sendAndAwait(hang, "data:") == 200) {
                                held.incrementAndGet();
                            }
                        } finally {
                            connecting.release();
                        }
                    } catch (IOException e) {
                        failures.incrementAndGet();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } finally {
                        done.countDown();
                    }
                });
            }
            done.await(5, TimeUnit.MINUTES);
            TimeUnit.SECONDS.sleep(2);
            long rss = RssSampler.rss(gateway.pid());
            byte[] chat = RawHttpConnection.post(gateway.port(), Chat.COMPLETIONS, BENCH_KEY,
                    Chat.body(MODEL, "hello", ""));
            long probe;
            try (GatewayCaller caller = new GatewayCaller(gateway.port(), chat)) {
                caller.call();
                probe = caller.call();
            }
            if (failures.get() > 0) {
                System.out.printf("  (%d idle streams failed to open)%n", failures.get());
            }
            for (RawHttpConnection connection : open) {
                connection.close();
            }
            return new IdleStreams(held.get(), rss, probe / 1e6);
        }
    }

    private record IdleStreams(int held, long rssBytes, double probeMillis) {
    }

    /** Makes a connection-bound call source (one per client thread). */
    private interface Caller {
        Call open() throws IOException;
    }

    /** One timed call; nanoseconds. */
    private interface Call extends AutoCloseable {
        long call() throws IOException;

        default String lastOverhead() {
            return null;
        }

        @Override
        default void close() throws IOException {
        }
    }

    private static final class GatewayCaller implements Call {
        private final RawHttpConnection connection;
        private final byte[] request;
        private String overhead;

        GatewayCaller(int port, byte[] request) throws IOException {
            this.connection = new RawHttpConnection(port, GatewayMetrics.OVERHEAD_HEADER);
            this.request = request;
        }

        @Override
        public long call() throws IOException {
            long start = System.nanoTime();
            RawHttpConnection.Answer answer = connection.exchange(request);
            long elapsed = System.nanoTime() - start;
            if (answer.status() != 200) {
                throw new IllegalStateException("Gateway answered " + answer.status());
            }
            overhead = answer.overheadHeader();
            return elapsed;
        }

        @Override
        public String lastOverhead() {
            return overhead;
        }

        @Override
        public void close() throws IOException {
            connection.close();
        }
    }

    private static long timed(Runnable call) {
        long start = System.nanoTime();
        call.run();
        return System.nanoTime() - start;
    }

    private record Latencies(long[] sortedNanos, double[] sortedOverheadMillis) {
        double millis(double percentile) {
            return at(sortedNanos.length, percentile, i -> sortedNanos[i] / 1e6);
        }

        double overheadMillis(double percentile) {
            return sortedOverheadMillis.length == 0 ? Double.NaN
                    : at(sortedOverheadMillis.length, percentile, i -> sortedOverheadMillis[i]);
        }

        private static double at(int size, double percentile, IntToDoubleFunction value) {
            return value.applyAsDouble(Math.min(size - 1, (int) Math.ceil(size * percentile / 100.0) - 1));
        }
    }

    private static Latencies sequential(Caller caller, int count) throws Exception {
        long[] nanos = new long[count];
        List<Double> overheads = new ArrayList<>(count);
        try (Call call = caller.open()) {
            for (int i = 0; i < count; i++) {
                nanos[i] = call.call();
                if (call.lastOverhead() != null) {
                    overheads.add(Double.parseDouble(call.lastOverhead()));
                }
            }
        }
        Arrays.sort(nanos);
        return new Latencies(nanos, overheads.stream().mapToDouble(Double::doubleValue).sorted().toArray());
    }

    private static double concurrent(Caller caller) throws Exception {
        int perConnection = LOAD_REQUESTS / CONNECTIONS;
        try (ExecutorService clients = Executors.newFixedThreadPool(CONNECTIONS)) {
            List<Future<Latencies>> runs = new ArrayList<>();
            long start = System.nanoTime();
            for (int i = 0; i < CONNECTIONS; i++) {
                runs.add(clients.submit(() -> sequential(caller, perConnection)));
            }
            for (Future<Latencies> run : runs) {
                run.get();
            }
            return perConnection * (double) CONNECTIONS / ((System.nanoTime() - start) / 1e9);
        }
    }

    /** How long the process has run, from /proc (clock-tick resolution). */
    private static long uptimeMillis(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        long startTicks = Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[19]);
        double systemUptime = Double.parseDouble(Files.readString(Path.of("/proc/uptime")).split(" ")[0]);
        return (long) (systemUptime * 1000) - startTicks * 10;
    }

    /**
     * User and system CPU time of a process's threads so far, summed by thread name without its digits (so that
     * "vert.x-eventloop-thread-0" and "-1" count together); clock-tick resolution.
     */
    private static Map<String, Long> threadCpuNanos(long pid) throws IOException {
        Map<String, Long> byGroup = new HashMap<>();
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : tasks.toList()) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException gone) {
                    continue;
                }
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("[0-9]+", "#");
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                byGroup.merge(name, ticks * 10_000_000L, Long::sum);
            }
        }
        return byGroup;
    }

    /** Samples a process's resident set size every 100 ms. */
    private static final class RssSampler {
        private final long pid;
        private final AtomicLong peak = new AtomicLong();
        private final AtomicLong first = new AtomicLong();
        private final ExecutorService thread = Executors.newSingleThreadExecutor();
        private volatile boolean running = true;

        RssSampler(long pid) {
            this.pid = pid;
        }

        RssSampler start() {
            first.set(rss(pid));
            thread.execute(() -> {
                while (running) {
                    peak.accumulateAndGet(rss(pid), Math::max);
                    try {
                        TimeUnit.MILLISECONDS.sleep(100);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            return this;
        }

        long first() {
            return first.get();
        }

        long stop() {
            running = false;
            thread.close();
            return peak.get();
        }

        static long rss(long pid) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                    if (line.startsWith("VmRSS:")) {
                        return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                    }
                }
                return -1;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
