package io.civitas.billing.usage;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.jboss.logging.Logger;

import io.civitas.billing.kafka.InvalidEventException;
import io.civitas.billing.config.BillingConfig;
import io.civitas.billing.db.Transactions;
import io.civitas.billing.kafka.DeadLetters;
import io.civitas.billing.kafka.KafkaClients;
import io.civitas.billing.kafka.DeadLetteringConsumer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Consumes usage events into the ledger a poll at a time: every record of the poll is parsed, the valid ones are
 * written in one transaction, unreadable ones go to the dead-letter topic with the reason, and only then are the
 * offsets committed. A record the database refuses (a data error) is isolated by writing the batch's entries one by
 * one, and dead-lettered alone; an unreachable database or broker replays the batch until it succeeds.
 */
@ApplicationScoped
public class UsageConsumer {

    private static final Logger LOGGER = Logger.getLogger(UsageConsumer.class);

    private final UsageIngestion ingestion;
    private final KafkaClients kafka;
    private final BillingConfig config;
    private DeadLetteringConsumer consumer;

    public UsageConsumer(UsageIngestion ingestion, KafkaClients kafka, BillingConfig config) {
        this.ingestion = ingestion;
        this.kafka = kafka;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        BillingConfig.Usage usage = config.usage();
        consumer = DeadLetteringConsumer.start(kafka, new DeadLetteringConsumer.Spec("billing-usage-consumer",
                usage.topic(), usage.groupId(), usage.maxBatchSize(), usage.deadLetterTopic(),
                usage.retryMaxBackoffMs()), this::handle);
    }

    void onStop(@Observes ShutdownEvent event) throws InterruptedException {
        consumer.stop();
    }

    /** True while the consumer thread runs and its last batch succeeded. */
    public boolean healthy() {
        return consumer != null && consumer.healthy();
    }

    private void handle(ConsumerRecords<String, byte[]> records, DeadLetters deadLetters) throws Exception {
        List<ConsumerRecord<String, byte[]>> accepted = new ArrayList<>(records.count());
        List<UsageEntry> entries = new ArrayList<>(records.count());
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                entries.add(UsageEventParser.parse(record.value()));
                accepted.add(record);
            } catch (InvalidEventException e) {
                deadLetters.reject(record, e.getMessage());
            }
        }
        try {
            int inserted = ingestion.ingest(entries);
            LOGGER.debugf("Ledgered %d new of %d usage records", inserted, records.count());
        } catch (SQLException e) {
            if (!Transactions.isDataError(e)) {
                throw e;
            }
            ingestOneByOne(accepted, entries, deadLetters);
        }
    }

    private void ingestOneByOne(List<ConsumerRecord<String, byte[]>> records, List<UsageEntry> entries,
            DeadLetters deadLetters) throws SQLException {
        for (int i = 0; i < entries.size(); i++) {
            try {
                ingestion.ingest(List.of(entries.get(i)));
            } catch (SQLException e) {
                if (!Transactions.isDataError(e)) {
                    throw e;
                }
                deadLetters.reject(records.get(i), "the database refused the event (SQLSTATE " + e.getSQLState() + ")");
            }
        }
    }
}
