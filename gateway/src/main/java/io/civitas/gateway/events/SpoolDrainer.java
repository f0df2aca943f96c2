package io.civitas.gateway.events;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jboss.logging.Logger;

import io.civitas.gateway.config.GatewayConfig;

/**
 * Re-sends spooled events one at a time, oldest first, and removes each only after the broker acknowledged it; a
 * failed send is retried after an exponential pause. Runs on its own thread, never on a request's.
 */
final class SpoolDrainer {

    private static final Logger LOGGER = Logger.getLogger(SpoolDrainer.class);
    private static final long IDLE_MILLIS = 1000;
    private static final long JOIN_MILLIS = 5000;

    private final Producer<String, byte[]> producer;
    private final EventSpool spool;
    private final GatewayConfig.Spool config;
    private final Object signal = new Object();
    private volatile boolean running = true;
    private Thread thread;

    SpoolDrainer(Producer<String, byte[]> producer, EventSpool spool, GatewayConfig.Spool config) {
        this.producer = producer;
        this.spool = spool;
        this.config = config;
    }

    static ProducerRecord<String, byte[]> record(SpooledEvent event) {
        return new ProducerRecord<>(event.topic(), event.key(), event.value());
    }

    void start() {
        thread = Thread.ofPlatform().name("gateway-event-spool").daemon(true).start(this::run);
    }

    /** Something was spooled: look at once rather than after the idle pause. */
    void wake() {
        synchronized (signal) {
            signal.notifyAll();
        }
    }

    /** Stops after the current attempt (which the producer's close ends). */
    void stop() {
        running = false;
        wake();
    }

    void awaitStopped() throws InterruptedException {
        if (thread != null) {
            thread.join(JOIN_MILLIS);
        }
    }

    private void run() {
        long pause = config.retryInitialMillis();
        while (running) {
            try {
                Optional<EventSpool.Entry> oldest = spool.peek();
                if (oldest.isEmpty()) {
                    pause(IDLE_MILLIS, true);
                    continue;
                }
                producer.send(record(oldest.get().event())).get();
                spool.remove(oldest.get());
                pause = config.retryInitialMillis();
                if (spool.depth() == 0) {
                    LOGGER.info("Event spool drained: Kafka took every spooled event");
                }
            } catch (ExecutionException | RuntimeException e) {
                LOGGER.debugf("Spooled event not delivered yet, retry in %d ms: %s", pause, e.toString());
                pause(pause, false);
                pause = Math.min(config.retryMaxMillis(), pause * 2);
            } catch (IOException e) {
                LOGGER.errorf("Event spool unreadable, retry in %d ms: %s", pause, e.toString());
                pause(pause, false);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Waits {@code millis}, less if stopped, or if {@code wakeable} and something was spooled. */
    private void pause(long millis, boolean wakeable) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        synchronized (signal) {
            try {
                for (long left = millis; running && left > 0;
                        left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())) {
                    TimeUnit.MILLISECONDS.timedWait(signal, left);
                    if (wakeable) {
                        return;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
        }
    }
}
