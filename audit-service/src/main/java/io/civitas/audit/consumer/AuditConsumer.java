package io.civitas.audit.consumer;

import java.util.OptionalLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.civitas.audit.chain.AuditChain;
import io.civitas.audit.chain.AuditEvent;
import io.civitas.audit.chain.AuditStoreException;
import io.civitas.audit.config.AuditConfig;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Blocking;

/**
 * Appends audit events to the chain, one at a time and in partition order. The offset is committed only after the
 * entry is written (at-least-once); a redelivered event appends nothing. A record that fails is nacked, and the
 * channel's dead-letter-queue failure strategy forwards it unchanged to the dead-letter topic.
 */
@ApplicationScoped
public class AuditConsumer {

    private static final Logger LOGGER = Logger.getLogger(AuditConsumer.class);

    private final AuditChain chain;
    private final AuditConfig config;

    public AuditConsumer(AuditChain chain, AuditConfig config) {
        this.chain = chain;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        LOGGER.infof("Audit events: topic=%s group=%s deadLetterTopic=%s", config.events().topic(),
                config.events().groupId(), config.events().deadLetterTopic());
    }

    /** Appends one audit record to the chain; throws to send the record to the dead-letter topic. */
    @Incoming("audit")
    @Blocking
    public void consume(ConsumerRecord<String, byte[]> record) {
        AuditEvent event;
        try {
            event = AuditEventParser.parse(record.value());
        } catch (InvalidAuditEventException e) {
            LOGGER.warnf("Rejected audit record: topic=%s partition=%d offset=%d tenant=%s reason=%s; "
                    + "forwarding to %s", record.topic(), record.partition(), record.offset(), record.key(),
                    e.getMessage(), config.events().deadLetterTopic());
            throw e;
        }
        try {
            OptionalLong seq = chain.append(event);
            LOGGER.debugf("Audit event %s tenant=%s %s", event.eventId(), event.tenantId(),
                    seq.isPresent() ? "appended as seq " + seq.getAsLong() : "already in the chain");
        } catch (AuditStoreException e) {
            LOGGER.errorf(e, "Could not append audit event %s (offset %d); forwarding to %s", event.eventId(),
                    record.offset(), config.events().deadLetterTopic());
            throw e;
        }
    }
}
