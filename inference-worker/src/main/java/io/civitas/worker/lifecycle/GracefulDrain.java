package io.civitas.worker.lifecycle;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import org.jboss.logging.Logger;

import io.civitas.worker.config.WorkerConfig;
import io.civitas.worker.engine.InferenceEngine;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;

/**
 * On shutdown (SIGTERM): stops admitting (new calls get UNAVAILABLE "draining", queued ones too), turns readiness and
 * gRPC health to not serving, and lets in-flight sequences finish for up to {@code civitas.worker.drain.grace-seconds}.
 * Whatever still runs after that is stopped by the engine. It runs on Quarkus's pre-shutdown
 * {@link ShutdownDelayInitiatedEvent} ({@code quarkus.shutdown.delay-enabled=true}), while the HTTP server still
 * accepts connections; by {@link ShutdownEvent} the server no longer does, so that is only the fallback.
 */
@ApplicationScoped
public class GracefulDrain {

    private static final Logger LOGGER = Logger.getLogger(GracefulDrain.class);

    private final InferenceEngine engine;
    private final Duration grace;
    private final AtomicBoolean started = new AtomicBoolean();

    GracefulDrain(InferenceEngine engine, WorkerConfig config) {
        this.engine = engine;
        this.grace = Duration.ofSeconds(config.drain().graceSeconds());
    }

    void onShutdownRequested(@Observes ShutdownDelayInitiatedEvent event) {
        drain();
    }

    void onShutdown(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) ShutdownEvent event) {
        drain();
    }

    private void drain() {
        if (!started.compareAndSet(false, true)) {
            return;
        }
        LOGGER.infof("Draining: no new requests; in-flight ones get up to %d s", grace.toSeconds());
        try {
            if (engine.drain(grace)) {
                LOGGER.info("Drained: no sequence running");
            } else {
                LOGGER.warnf("Grace period of %d s over; stopping the sequences still running", grace.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOGGER.warn("Interrupted while draining");
        }
    }
}
