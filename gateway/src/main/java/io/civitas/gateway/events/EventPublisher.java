package io.civitas.gateway.events;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jboss.logging.Logger;

import io.civitas.api.events.v1.EventEnvelope;
import io.civitas.gateway.config.GatewayConfig;
import io.quarkus.runtime.Startup;

/**
 * Publishes usage and audit events without making the client wait: sends run on one dedicated thread (the producer
 * may block while Kafka is away) and the producer retries; a send that finally fails is logged with its event id.
 */
@Startup
@ApplicationScoped
public class EventPublisher {

    private static final Logger LOGGER = Logger.getLogger(EventPublisher.class);
    private static final long DRAIN_SECONDS = 15;
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private final Producer<String, byte[]> producer;
    private final GatewayConfig.Events topics;
    private final ExecutorService sender = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("gateway-events").daemon(true).factory());

    public EventPublisher(KafkaProducerFactory producers, GatewayConfig config) {
        this.producer = producers.create();
        this.topics = config.events();
    }

    /** Publishes UsageRecorded and RequestServed for a request that passed authentication. */
    public void served(ServedRequest served) {
        send(topics.usageTopic(), Envelopes.usage(served));
        send(topics.auditTopic(), Envelopes.audit(served));
    }

    private void send(String topic, EventEnvelope envelope) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, envelope.getTenantId(),
                envelope.toByteArray());
        sender.execute(() -> {
            try {
                producer.send(record, (metadata, failure) -> {
                    if (failure != null) {
                        lost(topic, envelope, failure);
                    }
                });
            } catch (RuntimeException failure) {
                lost(topic, envelope, failure);
            }
        });
    }

    private static void lost(String topic, EventEnvelope envelope, Exception failure) {
        LOGGER.errorf("Event not published: topic=%s event_id=%s type=%s tenant=%s cause=%s", topic,
                envelope.getEventId(), envelope.getType(), envelope.getTenantId(), failure.toString());
    }

    @PreDestroy
    void drain() {
        sender.shutdown();
        try {
            if (!sender.awaitTermination(DRAIN_SECONDS, TimeUnit.SECONDS)) {
                LOGGER.warnf("Event sender did not drain within %d s", DRAIN_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(CLOSE_TIMEOUT);
    }
}
