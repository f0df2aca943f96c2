package io.civitas.billing.kafka;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.Producer;

/**
 * A {@link PollLoop} on its own thread together with the producer of its dead-letter topic. The handler gets each
 * batch and the {@link DeadLetters} to reject records into; the loop waits for the rejected records to be
 * acknowledged before it commits the batch's offsets.
 */
public final class DeadLetteringConsumer {

    /** Processes one batch, rejecting unreadable records into {@code deadLetters}; throws to replay the batch. */
    @FunctionalInterface
    public interface Handler {
        void handle(ConsumerRecords<String, byte[]> records, DeadLetters deadLetters) throws Exception;
    }

    /** What to consume and where to dead-letter. */
    public record Spec(String name, String topic, String groupId, int maxBatchSize, String deadLetterTopic,
            long retryMaxBackoffMs) {
    }

    private final Producer<String, byte[]> producer;
    private final PollLoop loop;
    private final Thread thread;

    private DeadLetteringConsumer(Producer<String, byte[]> producer, PollLoop loop) {
        this.producer = producer;
        this.loop = loop;
        this.thread = loop.start();
    }

    public static DeadLetteringConsumer start(KafkaClients kafka, Spec spec, Handler handler) {
        Producer<String, byte[]> producer = kafka.producer(spec.name() + "-dlq");
        DeadLetters deadLetters = new DeadLetters(producer, spec.deadLetterTopic());
        PollLoop loop = new PollLoop(spec.name(), kafka.consumer(spec.groupId(), spec.maxBatchSize()), spec.topic(),
                records -> {
                    handler.handle(records, deadLetters);
                    deadLetters.awaitSent();
                }, spec.retryMaxBackoffMs());
        return new DeadLetteringConsumer(producer, loop);
    }

    /** True while the thread runs and its last batch succeeded. */
    public boolean healthy() {
        return thread.isAlive() && !loop.failing();
    }

    /** Stops the loop, waits for its thread and closes the producer. */
    public void stop() throws InterruptedException {
        loop.stop();
        thread.join();
        producer.close();
    }
}
