package io.civitas.gateway.worker;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.jboss.logging.Logger;

import io.civitas.api.inference.v1.ListModelsRequest;
import io.civitas.api.inference.v1.ListModelsResponse;
import io.civitas.api.inference.v1.LoadReport;
import io.civitas.api.inference.v1.WatchLoadRequest;
import io.civitas.gateway.config.GatewayConfig;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.StreamObserver;

/**
 * Keeps one worker's state fresh: ListModels, then a WatchLoad stream; ListModels again when a report names a model
 * the list lacks. When either fails, the stream ends, or the stream stays silent for longer than
 * {@code load-stale-millis} (a hung worker keeps its connection open), the worker is marked down, so it is not
 * eligible, and the watch is reopened after an exponential backoff.
 */
final class LoadWatch {

    private static final Logger LOGGER = Logger.getLogger(LoadWatch.class);
    private static final int MAX_SHIFT = 16;

    private final WorkerNode node;
    private final ScheduledExecutorService timer;
    private final GatewayConfig.Worker config;
    private final CountDownLatch firstOutcome = new CountDownLatch(1);
    private final AtomicInteger failures = new AtomicInteger();
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private volatile ClientCallStreamObserver<WatchLoadRequest> call;
    private volatile long lastHeardNanos;
    private volatile boolean stopped;
    private ScheduledFuture<?> staleCheck;

    LoadWatch(WorkerNode node, ScheduledExecutorService timer, GatewayConfig.Worker config) {
        this.node = node;
        this.timer = timer;
        this.config = config;
    }

    /** Opens the watch, and checks every quarter of the stale limit that its stream still reports. */
    synchronized void start() {
        if (!stopped && staleCheck == null) {
            long period = Math.max(1, config.loadStaleMillis() / 4);
            staleCheck = timer.scheduleWithFixedDelay(this::expireIfSilent, period, period, TimeUnit.MILLISECONDS);
            open();
        }
    }

    private void open() {
        if (!stopped) {
            listModels(this::watch, this::failed);
        }
    }

    /** Waits until the first load report arrived or the first attempt failed; true if it did in time. */
    boolean awaitFirstOutcome(long millis) throws InterruptedException {
        return firstOutcome.await(millis, TimeUnit.MILLISECONDS);
    }

    synchronized void stop() {
        stopped = true;
        if (staleCheck != null) {
            staleCheck.cancel(false);
        }
        ClientCallStreamObserver<WatchLoadRequest> current = call;
        if (current != null) {
            current.cancel("The gateway stopped watching this worker", null);
        }
        node.update(node.state().down());
    }

    private void watch() {
        WatchLoadRequest request = WatchLoadRequest.newBuilder().setIntervalMs(config.loadIntervalMillis()).build();
        lastHeardNanos = System.nanoTime();
        node.stub().watchLoad(request, new ClientResponseObserver<WatchLoadRequest, LoadReport>() {
            @Override
            public void beforeStart(ClientCallStreamObserver<WatchLoadRequest> started) {
                call = started;
            }

            @Override
            public void onNext(LoadReport report) {
                lastHeardNanos = System.nanoTime();
                failures.set(0);
                node.update(node.state().reported(report));
                firstOutcome.countDown();
                if (!node.state().listsAll(report.getModelsList()) && !refreshing.getAndSet(true)) {
                    // A model loaded after ListModels answered (a worker starts before its model is loaded).
                    listModels(() -> refreshing.set(false), failure -> refreshing.set(false));
                }
            }

            @Override
            public void onError(Throwable failure) {
                failed(failure);
            }

            @Override
            public void onCompleted() {
                failed(Status.UNAVAILABLE.withDescription("load stream ended").asRuntimeException());
            }
        });
    }

    private void listModels(Runnable then, Consumer<Throwable> failed) {
        node.stub().withDeadlineAfter(config.listModelsTimeoutMillis(), TimeUnit.MILLISECONDS)
                .listModels(ListModelsRequest.getDefaultInstance(), new StreamObserver<>() {
                    @Override
                    public void onNext(ListModelsResponse models) {
                        node.update(node.state().listed(models.getModelsList()));
                    }

                    @Override
                    public void onError(Throwable failure) {
                        failed.accept(failure);
                    }

                    @Override
                    public void onCompleted() {
                        then.run();
                    }
                });
    }

    /** Cancels the stream if no report came within the stale limit: its failure then takes the worker out. */
    private void expireIfSilent() {
        ClientCallStreamObserver<WatchLoadRequest> current = call;
        long silentMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastHeardNanos);
        if (current != null && silentMillis > config.loadStaleMillis()) {
            call = null;
            current.cancel("no load report for " + silentMillis + " ms", null);
        }
    }

    private void failed(Throwable failure) {
        call = null;
        node.update(node.state().down());
        firstOutcome.countDown();
        if (stopped) {
            return;
        }
        int failed = failures.getAndIncrement();
        long delay = Math.min(config.reconnectMaxMillis(),
                config.reconnectInitialMillis() << Math.min(failed, MAX_SHIFT));
        Status status = Status.fromThrowable(failure);
        if (failed == 0) {
            LOGGER.warnf("Worker not eligible, its load stream failed: worker=%s status=%s reason=%s "
                    + "retry_in_ms=%d", node.address(), status.getCode(), status.getDescription(), delay);
        } else {
            LOGGER.debugf("Worker load stream still failing: worker=%s status=%s retry_in_ms=%d", node.address(),
                    status.getCode(), delay);
        }
        timer.schedule(this::open, delay, TimeUnit.MILLISECONDS);
    }
}
