package io.civitas.billing.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

/**
 * One consumer thread: poll, hand the whole batch to the handler, and commit the batch's offsets only after the
 * handler returned (that is, after its database commit). When the handler fails (database or broker unreachable)
 * the consumer seeks back to the batch's first offsets and polls the same records again after a growing pause;
 * handlers are idempotent, so a batch replayed after a crash or a failed commit changes nothing.
 */
public final class PollLoop implements Runnable {

    /** Processes one polled batch; throws to have it replayed. */
    @FunctionalInterface
    public interface BatchHandler {
        void handle(ConsumerRecords<String, byte[]> records) throws Exception;
    }

    private static final Logger LOGGER = Logger.getLogger(PollLoop.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);
    private static final long MIN_BACKOFF_MS = 100;

    private final String name;
    private final Consumer<String, byte[]> consumer;
    private final String topic;
    private final BatchHandler handler;
    private final long maxBackoffMs;
    private volatile boolean running = true;
    private volatile boolean failing;

    public PollLoop(String name, Consumer<String, byte[]> consumer, String topic, BatchHandler handler,
            long maxBackoffMs) {
        this.name = name;
        this.consumer = consumer;
        this.topic = topic;
        this.handler = handler;
        this.maxBackoffMs = maxBackoffMs;
    }

    /** Starts the loop on its own platform thread. */
    public Thread start() {
        Thread thread = Thread.ofPlatform().name(name).start(this);
        LOGGER.infof("Consuming %s as %s", topic, name);
        return thread;
    }

    @Override
    public void run() {
        long backoff = MIN_BACKOFF_MS;
        try {
            consumer.subscribe(List.of(topic));
            while (running) {
                ConsumerRecords<String, byte[]> records = consumer.poll(POLL_TIMEOUT);
                if (records.isEmpty()) {
                    continue;
                }
                try {
                    handler.handle(records);
                    consumer.commitSync(nextOffsets(records));
                    failing = false;
                    backoff = MIN_BACKOFF_MS;
                } catch (WakeupException e) {
                    throw e;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (Exception e) {
                    failing = true;
                    LOGGER.warnf("%s: batch of %d records failed (%s); replaying it in %d ms", name, records.count(),
                            e.toString(), backoff);
                    rewind(records);
                    Thread.sleep(backoff);
                    backoff = Math.min(backoff * 2, maxBackoffMs);
                }
            }
        } catch (WakeupException e) {
            if (running) {
                LOGGER.errorf(e, "%s: unexpected wakeup", name);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOGGER.errorf(e, "%s stopped", name);
            failing = true;
        } finally {
            consumer.close();
        }
    }

    /** True while the last batch could not be processed. */
    public boolean failing() {
        return failing;
    }

    /** Asks the loop to end; the consumer is closed on its thread. */
    public void stop() {
        running = false;
        consumer.wakeup();
    }

    private void rewind(ConsumerRecords<String, byte[]> records) {
        for (TopicPartition partition : records.partitions()) {
            consumer.seek(partition, records.records(partition).getFirst().offset());
        }
    }

    private static Map<TopicPartition, OffsetAndMetadata> nextOffsets(ConsumerRecords<String, byte[]> records) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<String, byte[]>> batch = records.records(partition);
            offsets.put(partition, new OffsetAndMetadata(batch.getLast().offset() + 1));
        }
        return offsets;
    }
}
