package io.civitas.gateway.events;

import java.util.Objects;

/** A record the producer could not deliver, as the spool keeps it: topic, key and the envelope's bytes. */
public record SpooledEvent(String topic, String key, byte[] value) {

    public SpooledEvent {
        if (topic == null || topic.isEmpty()) {
            throw new IllegalArgumentException("topic is required");
        }
        Objects.requireNonNull(value, "value");
    }
}
