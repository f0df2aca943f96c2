package io.civitas.billing.usage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.civitas.billing.config.BillingConfig;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Blocking;

/**
 * Consumes usage events into the ledger, one at a time and in partition order. The offset is committed only after
 * the row is written (at-least-once); a redelivered event is a no-op. A record that fails is nacked, and the
 * channel's dead-letter-queue failure strategy forwards it unchanged to the dead-letter topic.
 */
@ApplicationScoped
public class UsageConsumer {

    private static final Logger LOGGER = Logger.getLogger(UsageConsumer.class);

    private final UsageLedger ledger;
    private final BillingConfig config;

    public UsageConsumer(UsageLedger ledger, BillingConfig config) {
        this.ledger = ledger;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        LOGGER.infof("Billing usage events: topic=%s group=%s deadLetterTopic=%s", config.usage().topic(),
                config.usage().groupId(), config.usage().deadLetterTopic());
    }

    /** Writes one usage record to the ledger; throws to send the record to the dead-letter topic. */
    @Incoming("usage")
    @Blocking
    public void consume(ConsumerRecord<String, byte[]> record) {
        UsageEntry entry;
        try {
            entry = UsageEventParser.parse(record.value());
        } catch (InvalidUsageEventException e) {
            LOGGER.warnf("Rejected usage record: topic=%s partition=%d offset=%d tenant=%s reason=%s; "
                    + "forwarding to %s", record.topic(), record.partition(), record.offset(), record.key(),
                    e.getMessage(), config.usage().deadLetterTopic());
            throw e;
        }
        try {
            boolean inserted = ledger.record(entry);
            LOGGER.debugf("Usage event %s tenant=%s %s", entry.eventId(), entry.tenantId(),
                    inserted ? "recorded" : "already recorded");
        } catch (LedgerWriteException e) {
            LOGGER.errorf(e, "Could not record usage event %s (offset %d); forwarding to %s", entry.eventId(),
                    record.offset(), config.usage().deadLetterTopic());
            throw e;
        }
    }
}
