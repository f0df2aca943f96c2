package io.civitas.gateway.events;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.producer.Producer;
import org.jboss.logging.Logger;

import io.civitas.api.events.v1.EventEnvelope;
import io.civitas.gateway.config.GatewayConfig;
import io.quarkus.runtime.Startup;

/**
 * Publishes usage and audit events without making the client wait: sends run on one dedicated thread. An event the
 * producer cannot deliver (send error, delivery timeout, broker unreachable) goes to the durable {@link EventSpool};
 * while the spool holds anything, new events join it rather than overtake it, and the {@link SpoolDrainer} re-sends
 * them in order. A spool left by an earlier run is drained from start-up on.
 */
@Startup
@ApplicationScoped
public class EventPublisher {

    private static final Logger LOGGER = Logger.getLogger(EventPublisher.class);
    private static final long DRAIN_SECONDS = 15;
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private final Producer<String, byte[]> producer;
    private final GatewayConfig.Events topics;
    private final EventSpool spool;
    private final SpoolDrainer drainer;
    private final ExecutorService sender = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("gateway-events").daemon(true).factory());

    public EventPublisher(KafkaProducerFactory producers, GatewayConfig config) {
        this.producer = producers.create();
        this.topics = config.events();
        this.spool = EventSpool.open(Path.of(config.events().spool().dir()));
        this.drainer = new SpoolDrainer(producer, spool, config.events().spool());
        drainer.start();
    }

    /** Publishes UsageRecorded and RequestServed for a request that passed authentication. */
    public void served(ServedRequest served) {
        send(topics.usageTopic(), Envelopes.usage(served));
        send(topics.auditTopic(), Envelopes.audit(served));
    }

    /** Events waiting in the spool for Kafka. */
    public long spoolDepth() {
        return spool.depth();
    }

    /** Bytes the spool holds. */
    public long spoolBytes() throws IOException {
        return spool.bytes();
    }

    private void send(String topic, EventEnvelope envelope) {
        SpooledEvent event = new SpooledEvent(topic, envelope.getTenantId(), envelope.toByteArray());
        sender.execute(() -> {
            if (spool.depth() > 0) {
                spool(event, null);
                return;
            }
            try {
                producer.send(SpoolDrainer.record(event), (metadata, failure) -> {
                    if (failure != null) {
                        spool(event, failure);
                    }
                });
            } catch (RuntimeException failure) {
                spool(event, failure);
            }
        });
    }

    private void spool(SpooledEvent event, Exception cause) {
        try {
            spool.append(event);
            if (cause != null) {
                LOGGER.warnf("Event spooled, Kafka did not take it: topic=%s depth=%d cause=%s", event.topic(),
                        spool.depth(), cause.toString());
            }
            drainer.wake();
        } catch (IOException e) {
            LOGGER.errorf("Event lost, neither Kafka nor the spool took it: topic=%s tenant=%s cause=%s",
                    event.topic(), event.key(), e.toString());
        }
    }

    @PreDestroy
    void drain() {
        sender.shutdown();
        try {
            if (!sender.awaitTermination(DRAIN_SECONDS, TimeUnit.SECONDS)) {
                LOGGER.warnf("Event sender did not drain within %d s", DRAIN_SECONDS);
            }
            drainer.stop();
            producer.close(CLOSE_TIMEOUT);
            drainer.awaitStopped();
            spool.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOGGER.warnf("Event spool did not close cleanly: %s", e.toString());
        }
    }
}
