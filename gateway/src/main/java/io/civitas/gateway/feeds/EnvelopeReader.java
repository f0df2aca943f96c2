package io.civitas.gateway.feeds;

import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import com.google.protobuf.InvalidProtocolBufferException;

import io.civitas.api.events.v1.EventEnvelope;

/**
 * Turns a record into an {@link EventEnvelope} for a handler; a tombstone (no value) is ignored, a record that is not
 * an envelope fails (and is skipped).
 */
public final class EnvelopeReader {

    private EnvelopeReader() {
    }

    public static Consumer<ConsumerRecord<String, byte[]>> reading(Consumer<EventEnvelope> handler) {
        return record -> {
            if (record.value() == null) {
                return;
            }
            try {
                handler.accept(EventEnvelope.parseFrom(record.value()));
            } catch (InvalidProtocolBufferException e) {
                throw new IllegalArgumentException("Not an EventEnvelope", e);
            }
        };
    }
}
