package io.civitas.gateway.events;

import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.civitas.gateway.config.GatewayConfig;
import io.smallrye.common.annotation.Identifier;

/**
 * The event producer: the kafka.* settings, made idempotent with acks=all, with the delivery, request and blocking
 * timeouts of civitas.gateway.events (short, so that an event Kafka cannot take reaches the spool quickly).
 */
@ApplicationScoped
public class KafkaProducerFactory {

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    @Inject
    GatewayConfig gatewayConfig;

    /** A new producer; the caller closes it. */
    public Producer<String, byte[]> create() {
        Map<String, Object> config = new HashMap<>();
        kafkaConfig.forEach((name, value) -> {
            if (ProducerConfig.configNames().contains(name)) {
                config.put(name, value);
            }
        });
        config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "civitas-gateway");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        GatewayConfig.Events events = gatewayConfig.events();
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, events.deliveryTimeoutMillis());
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, events.requestTimeoutMillis());
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, events.maxBlockMillis());
        return new KafkaProducer<>(config);
    }
}
