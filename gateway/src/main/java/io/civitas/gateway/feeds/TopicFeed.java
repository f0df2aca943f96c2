package io.civitas.gateway.feeds;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

/**
 * Reads every partition of one topic on a thread of its own and hands each record to a handler, from the earliest
 * offset (state on a compacted topic) or from the latest at start-up (notifications). Waits for the topic to exist and
 * survives broker outages; a record the handler cannot take is logged (topic, partition, offset) and skipped.
 */
public final class TopicFeed implements AutoCloseable {

    /** Where reading starts. */
    public enum Start {
        EARLIEST, LATEST
    }

    private static final Logger LOGGER = Logger.getLogger(TopicFeed.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration METADATA_WAIT = Duration.ofSeconds(5);
    private static final long RETRY_MILLIS = 1000;
    private static final long MISSING_WARNING_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final org.apache.kafka.clients.consumer.Consumer<String, byte[]> consumer;
    private final String topic;
    private final Start start;
    private final Consumer<ConsumerRecord<String, byte[]>> handler;
    private final Thread thread;
    private volatile boolean assigned;
    private volatile boolean closing;
    private long lastMissingWarning = System.nanoTime();

    public TopicFeed(org.apache.kafka.clients.consumer.Consumer<String, byte[]> consumer, String topic, Start start,
            Consumer<ConsumerRecord<String, byte[]>> handler) {
        this.consumer = Objects.requireNonNull(consumer, "consumer");
        this.topic = Objects.requireNonNull(topic, "topic");
        this.start = Objects.requireNonNull(start, "start");
        this.handler = Objects.requireNonNull(handler, "handler");
        this.thread = Thread.ofPlatform().name("gateway-feed-" + topic).daemon(true).unstarted(this::run);
    }

    public TopicFeed start() {
        thread.start();
        return this;
    }

    /** True once every partition is assigned and the start position is fixed: later records will be seen. */
    public boolean isAssigned() {
        return assigned;
    }

    public String topic() {
        return topic;
    }

    private void run() {
        try {
            while (!closing) {
                step();
            }
        } catch (WakeupException e) {
            if (!closing) {
                throw e;
            }
        } finally {
            consumer.close();
        }
    }

    private void step() {
        try {
            if (!assigned) {
                assign();
                return;
            }
            consumer.poll(POLL).forEach(this::handle);
        } catch (WakeupException e) {
            throw e;
        } catch (KafkaException e) {
            LOGGER.warnf("Feed failed, retrying: topic=%s cause=%s", topic, e.toString());
            pause();
        }
    }

    private void assign() {
        List<PartitionInfo> partitions = consumer.partitionsFor(topic, METADATA_WAIT);
        if (partitions == null || partitions.isEmpty()) {
            if (System.nanoTime() - lastMissingWarning >= MISSING_WARNING_NANOS) {
                lastMissingWarning = System.nanoTime();
                LOGGER.warnf("Waiting for topic=%s to exist", topic);
            }
            pause();
            return;
        }
        List<TopicPartition> assignment = partitions.stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
        consumer.assign(assignment);
        if (start == Start.EARLIEST) {
            consumer.seekToBeginning(assignment);
        } else {
            consumer.seekToEnd(assignment);
        }
        // Resolve the positions now, so that "latest" means the end at start-up, not at the first poll.
        assignment.forEach(consumer::position);
        assigned = true;
        LOGGER.infof("Following topic=%s partitions=%d from=%s", topic, assignment.size(), start);
    }

    private void handle(ConsumerRecord<String, byte[]> record) {
        try {
            handler.accept(record);
        } catch (RuntimeException e) {
            LOGGER.warnf("Skipped a record: topic=%s partition=%d offset=%d cause=%s", record.topic(),
                    record.partition(), record.offset(), e.toString());
        }
    }

    private void pause() {
        try {
            Thread.sleep(RETRY_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closing = true;
        }
    }

    @Override
    public void close() {
        closing = true;
        consumer.wakeup();
        try {
            thread.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
