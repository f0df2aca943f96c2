package io.civitas.tenant.outbox;

import io.civitas.tenant.contract.ContractMapping;
import java.time.Instant;
import java.util.UUID;

import io.civitas.api.events.v1.EventEnvelope;
import io.civitas.api.events.v1.EventType;
import io.civitas.tenant.persistence.OutboxEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

/**
 * Appends events to the outbox in the caller's transaction: the event exists exactly when the change it reports
 * was committed.
 */
@ApplicationScoped
public class OutboxWriter {

    /** Producer named in every envelope. */
    public static final String PRODUCER = "tenant-service";
    /** Record key of events that concern no tenant. */
    public static final String PLATFORM_KEY = "platform";

    private final EntityManager entityManager;

    public OutboxWriter(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Wraps the payload set by {@code payload} in an envelope and appends it; returns the event id. */
    @Transactional(TxType.MANDATORY)
    public UUID append(Channel channel, EventType type, String tenantId, EventEnvelope.Builder payload) {
        UUID eventId = UUID.randomUUID();
        EventEnvelope envelope = payload
                .setEventId(eventId.toString())
                .setType(type)
                .setOccurredAt(ContractMapping.timestamp(Instant.now()))
                .setSchemaVersion(1)
                .setTenantId(tenantId == null ? "" : tenantId)
                .setProducer(PRODUCER)
                .build();
        String key = tenantId == null || tenantId.isEmpty() ? PLATFORM_KEY : tenantId;
        entityManager.persist(new OutboxEntity(eventId, channel.name(), key, envelope.toByteArray()));
        return eventId;
    }
}
