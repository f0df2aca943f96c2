package io.civitas.tenant.persistence;

import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * Row of {@code outbox}: one event, written in the transaction of the change it reports. Only inserted through
 * Hibernate; the publisher reads and marks rows with plain JDBC.
 */
@Entity
@Table(name = "outbox")
public class OutboxEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "event_id", nullable = false, updatable = false)
    private UUID eventId;

    @Column(nullable = false, length = 32, updatable = false)
    private String channel;

    @Column(name = "record_key", nullable = false, length = 100, updatable = false)
    private String recordKey;

    @Column(nullable = false, updatable = false)
    private byte[] payload;

    protected OutboxEntity() {
    }

    public OutboxEntity(UUID eventId, String channel, String recordKey, byte[] payload) {
        this.eventId = eventId;
        this.channel = channel;
        this.recordKey = recordKey;
        this.payload = payload.clone();
    }
}
