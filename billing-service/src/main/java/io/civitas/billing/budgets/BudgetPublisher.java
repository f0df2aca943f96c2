package io.civitas.billing.budgets;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jboss.logging.Logger;

import io.civitas.billing.config.BillingConfig;
import io.civitas.billing.db.Transactions;
import io.civitas.billing.kafka.KafkaClients;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Drains the budget outbox to the budget-state topic (key: tenant id) in id order, deleting rows only after Kafka
 * acknowledged them; a crash in between republishes them, and consumers drop repeats by sequence. One publisher at a
 * time across replicas (advisory lock). Once a minute it also re-evaluates tenants whose state is from a past month.
 */
@ApplicationScoped
public class BudgetPublisher {

    private static final Logger LOGGER = Logger.getLogger(BudgetPublisher.class);
    private static final int BATCH = 500;
    private static final Duration ROLL_OVER_EVERY = Duration.ofMinutes(1);
    private static final long SEND_TIMEOUT_SECONDS = 30;

    private final Transactions transactions;
    private final BudgetRepository budgets;
    private final BudgetService service;
    private final OutboxSignal signal;
    private final KafkaClients kafka;
    private final BillingConfig config;
    private volatile boolean running = true;
    private Producer<String, byte[]> producer;
    private Thread thread;
    private Instant nextRollOver = Instant.EPOCH;

    public BudgetPublisher(Transactions transactions, BudgetRepository budgets, BudgetService service,
            OutboxSignal signal, KafkaClients kafka, BillingConfig config) {
        this.transactions = transactions;
        this.budgets = budgets;
        this.service = service;
        this.signal = signal;
        this.kafka = kafka;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        producer = kafka.producer("billing-budget-state");
        thread = Thread.ofPlatform().name("billing-budget-publisher").start(this::run);
    }

    void onStop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        signal.raise();
        thread.join();
        producer.close();
    }

    private void run() {
        while (running) {
            try {
                if (Instant.now().isAfter(nextRollOver)) {
                    transactions.inTransaction(c -> {
                        service.rollOver(c);
                        return null;
                    });
                    nextRollOver = Instant.now().plus(ROLL_OVER_EVERY);
                }
                while (drain() == BATCH) {
                    LOGGER.debug("Budget outbox: more to publish");
                }
                signal.await(config.budgets().publishIntervalMs());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                LOGGER.warnf("Budget state publication failed (%s); retrying", e.toString());
                sleep(config.budgets().publishIntervalMs());
            }
        }
    }

    private int drain() throws Exception {
        return transactions.inTransaction(c -> {
            if (!budgets.tryLockOutbox(c)) {
                return 0;
            }
            List<BudgetRepository.Pending> pending = budgets.pending(c, BATCH);
            List<Future<RecordMetadata>> sends = new ArrayList<>(pending.size());
            for (BudgetRepository.Pending event : pending) {
                sends.add(producer.send(new ProducerRecord<>(config.budgets().topic(), event.tenantId(),
                        event.payload())));
            }
            for (Future<RecordMetadata> send : sends) {
                try {
                    send.get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new java.sql.SQLException("budget event not acknowledged by Kafka", "08000", e);
                }
            }
            if (!pending.isEmpty()) {
                budgets.delete(c, pending);
                LOGGER.debugf("Published %d budget state events", pending.size());
            }
            return pending.size();
        });
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
