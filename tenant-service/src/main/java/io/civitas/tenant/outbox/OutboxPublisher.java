package io.civitas.tenant.outbox;

import java.time.Duration;
import java.util.Map;

import javax.sql.DataSource;

import org.jboss.logging.Logger;

import io.civitas.tenant.config.TenantServiceConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Runs the {@link OutboxRelay} on a thread of its own: publishes while there are rows, polls every
 * {@code civitas.tenant.outbox.poll-interval-millis} when there are none, and starts a fresh relay (new lock, fencing,
 * recovery) after any failure.
 */
@ApplicationScoped
public class OutboxPublisher {

    private static final Logger LOGGER = Logger.getLogger(OutboxPublisher.class);
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(2);
    private static final Duration CLEANUP_INTERVAL = Duration.ofMinutes(10);

    private final DataSource dataSource;
    private final Map<String, Object> kafka;
    private final TenantServiceConfig.Outbox config;
    private volatile Thread thread;
    private volatile boolean running;

    public OutboxPublisher(DataSource dataSource, @Identifier("default-kafka-broker") Map<String, Object> kafka,
            TenantServiceConfig config) {
        this.dataSource = dataSource;
        this.kafka = kafka;
        this.config = config.outbox();
    }

    void onStart(@Observes StartupEvent event) {
        if (config.enabled()) {
            start();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    /** Starts publishing (if not already). */
    public synchronized void start() {
        if (thread != null) {
            return;
        }
        running = true;
        thread = Thread.ofPlatform().name("outbox-publisher").daemon().start(this::run);
    }

    /** Stops publishing and waits for the current batch to end. */
    public synchronized void stop() {
        Thread current = thread;
        if (current == null) {
            return;
        }
        running = false;
        current.interrupt();
        try {
            current.join(Duration.ofSeconds(20));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread = null;
    }

    /** A relay of this service's outbox, for tests that simulate a crash at a {@link OutboxRelay.Stage}. */
    OutboxRelay startRelay(OutboxRelay.Faults faults) throws Exception {
        return OutboxRelay.tryStart(dataSource, kafka, config, faults);
    }

    private void run() {
        OutboxRelay relay = null;
        long nextCleanup = System.nanoTime();
        while (running) {
            try {
                if (relay == null) {
                    relay = OutboxRelay.tryStart(dataSource, kafka, config, OutboxRelay.Faults.NONE);
                    if (relay == null) {
                        pause(RETRY_PAUSE);
                        continue;
                    }
                }
                if (relay.publishBatch() == 0) {
                    if (System.nanoTime() - nextCleanup >= 0) {
                        relay.deleteOlderThan(Duration.ofHours(config.retentionHours()));
                        nextCleanup = System.nanoTime() + CLEANUP_INTERVAL.toNanos();
                    }
                    pause(Duration.ofMillis(config.pollIntervalMillis()));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (Exception e) {
                if (!running) {
                    break;
                }
                LOGGER.warnf("Outbox publishing failed, restarting the publisher: %s", e.toString());
                LOGGER.debug("Outbox publishing failure", e);
                relay = closeQuietly(relay);
                pauseQuietly();
            }
        }
        // Clear a stop() interrupt so that the producer and the connection close cleanly.
        Thread.interrupted();
        closeQuietly(relay);
    }

    private static OutboxRelay closeQuietly(OutboxRelay relay) {
        if (relay != null) {
            try {
                relay.close();
            } catch (RuntimeException e) {
                LOGGER.debug("Closing the outbox relay failed", e);
            }
        }
        return null;
    }

    private void pauseQuietly() {
        try {
            pause(RETRY_PAUSE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private static void pause(Duration duration) throws InterruptedException {
        Thread.sleep(duration);
    }
}
