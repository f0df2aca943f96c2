package io.civitas.tenant.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;

import com.google.protobuf.InvalidProtocolBufferException;

import io.civitas.api.events.v1.EventEnvelope;

/**
 * Reads a topic from the beginning as a consumer of the events would (read_committed), and keeps the records.
 */
public final class Events implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();

    public Events(String topic) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(),
                new ByteArrayDeserializer());
        consumer.subscribe(List.of(topic));
    }

    public static Events tenantChanges() {
        return new Events("civitas.tenant-changes.v1");
    }

    public static Events audit() {
        return new Events("civitas.audit.v1");
    }

    /** Polls once and returns every record read so far. */
    public List<ConsumerRecord<String, byte[]>> records() {
        consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
        return List.copyOf(seen);
    }

    /** Polls once and returns every envelope read so far. */
    public List<EventEnvelope> envelopes() {
        return records().stream().map(r -> parse(r.value())).toList();
    }

    private static EventEnvelope parse(byte[] value) {
        try {
            return EventEnvelope.parseFrom(value);
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError("not an EventEnvelope", e);
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
