package io.civitas.billing.kafka;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jboss.logging.Logger;

/**
 * Forwards records that cannot be processed to a dead-letter topic: original key and bytes, the reason and the
 * origin (topic, partition, offset) in headers. {@link #awaitSent()} must succeed before the source offsets are
 * committed, so a rejected record is never lost.
 */
public final class DeadLetters {

    /** Header with the human-readable reason; never carries payload contents. */
    public static final String REASON_HEADER = "civitas-dlq-reason";
    /** Header with {@code topic/partition/offset} of the original record. */
    public static final String ORIGIN_HEADER = "civitas-dlq-origin";

    private static final Logger LOGGER = Logger.getLogger(DeadLetters.class);
    private static final long SEND_TIMEOUT_SECONDS = 30;

    private final Producer<String, byte[]> producer;
    private final String topic;
    private final List<Future<RecordMetadata>> pending = new ArrayList<>();

    public DeadLetters(Producer<String, byte[]> producer, String topic) {
        this.producer = producer;
        this.topic = topic;
    }

    /** Sends {@code record} to the dead-letter topic with {@code reason}. */
    public void reject(ConsumerRecord<String, byte[]> record, String reason) {
        String origin = record.topic() + "/" + record.partition() + "/" + record.offset();
        LOGGER.warnf("Rejected record: origin=%s key=%s reason=%s; forwarding to %s", origin, record.key(), reason,
                topic);
        RecordHeaders headers = new RecordHeaders();
        headers.add(REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8));
        headers.add(ORIGIN_HEADER, origin.getBytes(StandardCharsets.UTF_8));
        pending.add(producer.send(new ProducerRecord<>(topic, null, record.key(), record.value(), headers)));
    }

    /** Waits until every rejected record is acknowledged by the broker. */
    public void awaitSent() throws ExecutionException, InterruptedException, TimeoutException {
        try {
            for (Future<RecordMetadata> future : pending) {
                future.get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
        } finally {
            pending.clear();
        }
    }
}
