package io.civitas.worker.load;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.civitas.worker.config.WorkerConfig;
import io.civitas.worker.engine.InferenceEngine;
import io.civitas.worker.engine.LoadSnapshot;
import io.civitas.worker.engine.ModelStatusChanged;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.MultiEmitter;

/**
 * Streams load snapshots to watchers: one at once, then one per interval, plus one whenever the model's status
 * changes. Once the worker drains, each stream gets a last snapshot with draining set and completes.
 */
@ApplicationScoped
public class LoadReporter {

    private static final Logger LOGGER = Logger.getLogger(LoadReporter.class);

    private final InferenceEngine engine;
    private final WorkerConfig.Load config;
    private final ScheduledExecutorService scheduler;
    private final Set<Watcher> watchers = ConcurrentHashMap.newKeySet();

    LoadReporter(InferenceEngine engine, WorkerConfig config) {
        this.engine = engine;
        this.config = config.load();
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "load-reporter");
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        this.scheduler = executor;
    }

    /** The interval for a requested one in milliseconds: 0 means the default; never below the minimum. */
    public Duration interval(long requestedMs) {
        long ms = requestedMs <= 0 ? config.intervalMs() : requestedMs;
        return Duration.ofMillis(Math.max(ms, config.minIntervalMs()));
    }

    /** Snapshots every {@code interval} until the subscriber cancels or the worker drains. */
    public Multi<LoadSnapshot> watch(Duration interval) {
        return Multi.createFrom().emitter(emitter -> {
            Watcher watcher = new Watcher(emitter, interval);
            watchers.add(watcher);
            emitter.onTermination(() -> {
                watchers.remove(watcher);
                watcher.stop();
                LOGGER.debug("Load watcher stopped");
            });
            watcher.start();
        });
    }

    /** Streams open now. */
    public int watchers() {
        return watchers.size();
    }

    void onStatus(@Observes ModelStatusChanged status) {
        watchers.forEach(Watcher::report);
    }

    @PreDestroy
    void close() {
        scheduler.shutdownNow();
    }

    /** One open stream. */
    private final class Watcher {

        private final MultiEmitter<? super LoadSnapshot> emitter;
        private final Duration interval;
        private ScheduledFuture<?> ticks;

        Watcher(MultiEmitter<? super LoadSnapshot> emitter, Duration interval) {
            this.emitter = emitter;
            this.interval = interval;
        }

        synchronized void start() {
            ticks = scheduler.scheduleAtFixedRate(this::report, 0, interval.toNanos(), TimeUnit.NANOSECONDS);
        }

        synchronized void report() {
            if (emitter.isCancelled()) {
                return;
            }
            LoadSnapshot snapshot = engine.load(interval);
            emitter.emit(snapshot);
            if (snapshot.draining()) {
                emitter.complete();
            }
        }

        synchronized void stop() {
            if (ticks != null) {
                ticks.cancel(false);
            }
        }
    }
}
