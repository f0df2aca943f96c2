package io.civitas.audit.consumer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.civitas.audit.chain.AuditChain;
import io.civitas.audit.chain.AuditEvent;
import io.civitas.audit.chain.AuditStoreException;
import io.civitas.audit.checkpoint.Checkpointer;
import io.civitas.audit.config.AuditConfig;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.Record;

/**
 * Appends audit events to the chain and the Merkle tree, one transaction per poll, in partition order. Offsets are
 * committed only after that transaction (at-least-once); a redelivered event appends nothing. A record that cannot be
 * audited goes, unchanged and before the offset moves, to the dead-letter topic; when the database write fails the
 * whole poll is nacked and the channel's dead-letter-queue failure strategy forwards it.
 */
@ApplicationScoped
public class AuditConsumer {

    private static final Logger LOGGER = Logger.getLogger(AuditConsumer.class);

    private final AuditChain chain;
    private final Checkpointer checkpointer;
    private final AuditConfig config;
    private final Emitter<Record<String, byte[]>> deadLetters;

    public AuditConsumer(AuditChain chain, Checkpointer checkpointer, AuditConfig config,
            @Channel("audit-dead-letters") Emitter<Record<String, byte[]>> deadLetters) {
        this.chain = chain;
        this.checkpointer = checkpointer;
        this.config = config;
        this.deadLetters = deadLetters;
    }

    void onStart(@Observes StartupEvent event) {
        LOGGER.infof("Audit events: topic=%s group=%s deadLetterTopic=%s", config.events().topic(),
                config.events().groupId(), config.events().deadLetterTopic());
    }

    /** Appends one poll's records; throws to send them all to the dead-letter topic when the write fails. */
    @Incoming("audit")
    @Blocking
    public void consume(ConsumerRecords<String, byte[]> records) {
        List<AuditEvent> events = new ArrayList<>(records.count());
        List<CompletableFuture<Void>> rejected = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                events.add(AuditEventParser.parse(record.value()));
            } catch (InvalidAuditEventException e) {
                LOGGER.warnf("Rejected audit record: topic=%s partition=%d offset=%d tenant=%s reason=%s; "
                        + "forwarding to %s", record.topic(), record.partition(), record.offset(), record.key(),
                        e.getMessage(), config.events().deadLetterTopic());
                rejected.add(deadLetters.send(Record.of(record.key(), record.value())).toCompletableFuture());
            }
        }
        CompletableFuture.allOf(rejected.toArray(CompletableFuture[]::new)).join();
        if (events.isEmpty()) {
            return;
        }
        try {
            List<Long> appended = chain.appendAll(events);
            LOGGER.debugf("Appended %d of %d audit events", appended.size(), events.size());
            if (!appended.isEmpty()) {
                checkpointer.afterAppend(appended.getLast());
            }
        } catch (AuditStoreException e) {
            LOGGER.errorf(e, "Could not append %d audit events; forwarding them to %s", events.size(),
                    config.events().deadLetterTopic());
            throw e;
        }
    }
}
