package io.civitas.gateway.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.ConfigProvider;

import com.google.protobuf.InvalidProtocolBufferException;

import io.civitas.api.events.v1.EventEnvelope;

/** Reads the gateway's event topics from the start with a plain consumer (one partition each). */
public final class EventLog implements AutoCloseable {

    public static final String USAGE_TOPIC = "civitas.usage.v1";
    public static final String AUDIT_TOPIC = "civitas.audit.v1";
    private static final Duration WAIT = Duration.ofSeconds(30);

    /** A consumed record: its topic, key and envelope. */
    public record Event(String topic, String key, EventEnvelope envelope) {
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<Event> seen = new ArrayList<>();

    private EventLog(KafkaConsumer<String, byte[]> consumer) {
        this.consumer = consumer;
    }

    public static EventLog open() {
        String servers = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        createTopics(servers);
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props);
        List<TopicPartition> partitions = List.of(new TopicPartition(USAGE_TOPIC, 0),
                new TopicPartition(AUDIT_TOPIC, 0));
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return new EventLog(consumer);
    }

    /** Waits for the event on {@code topic} whose request id is {@code requestId}. */
    public Event await(String topic, String requestId) {
        return Awaitility.await().atMost(WAIT).until(() -> {
            poll();
            return find(topic, requestId);
        }, Optional::isPresent).orElseThrow();
    }

    /** Reads every record written so far, up to the end of each topic. */
    public EventLog readToEnd() {
        Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment());
        Awaitility.await().atMost(WAIT).until(() -> {
            poll();
            return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
        });
        return this;
    }

    /** Every event on {@code topic} for {@code requestId} among those read so far. */
    public List<Event> all(String topic, String requestId) {
        return seen.stream()
                .filter(event -> event.topic().equals(topic) && requestId.equals(requestIdOf(event.envelope())))
                .toList();
    }

    /** The event on {@code topic} for {@code requestId} among those read so far. */
    public Optional<Event> find(String topic, String requestId) {
        return all(topic, requestId).stream().findFirst();
    }

    private void poll() {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
            try {
                seen.add(new Event(record.topic(), record.key(), EventEnvelope.parseFrom(record.value())));
            } catch (InvalidProtocolBufferException e) {
                throw new AssertionError("Not an EventEnvelope on " + record.topic(), e);
            }
        }
    }

    private static String requestIdOf(EventEnvelope envelope) {
        return switch (envelope.getPayloadCase()) {
            case USAGE_RECORDED -> envelope.getUsageRecorded().getRequestId();
            case REQUEST_SERVED -> envelope.getRequestServed().getRequestId();
            default -> "";
        };
    }

    private static void createTopics(String servers) {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", servers))) {
            for (String topic : List.of(USAGE_TOPIC, AUDIT_TOPIC)) {
                try {
                    admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("Could not create " + topic, e);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
