package io.civitas.billing.outbox;

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
 * Drains the outbox in id order, each row to its channel's topic under the row's key, deleting rows only after
 * Kafka acknowledged them; a crash in between republishes them, and consumers drop repeats (budget states by
 * sequence, audit-service by event id). One publisher at a time across replicas (advisory lock). It is woken by
 * {@link OutboxSignal} after every commit that wrote to the outbox, and looks anyway every
 * {@code civitas.billing.budgets.publish-interval-ms}.
 */
@ApplicationScoped
public class OutboxPublisher {

    private static final Logger LOGGER = Logger.getLogger(OutboxPublisher.class);
    private static final int BATCH = 500;
    private static final long SEND_TIMEOUT_SECONDS = 30;

    private final Transactions transactions;
    private final Outbox outbox;
    private final OutboxSignal signal;
    private final KafkaClients kafka;
    private final BillingConfig config;
    private volatile boolean running = true;
    private Producer<String, byte[]> producer;
    private Thread thread;

    public OutboxPublisher(Transactions transactions, Outbox outbox, OutboxSignal signal, KafkaClients kafka,
            BillingConfig config) {
        this.transactions = transactions;
        this.outbox = outbox;
        this.signal = signal;
        this.kafka = kafka;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        producer = kafka.producer("billing-outbox");
        thread = Thread.ofPlatform().name("billing-outbox-publisher").start(this::run);
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
                while (drain() == BATCH) {
                    LOGGER.debug("Outbox: more to publish");
                }
                signal.await(config.budgets().publishIntervalMs());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                LOGGER.warnf("Outbox publication failed (%s); retrying", e.toString());
                sleep(config.budgets().publishIntervalMs());
            }
        }
    }

    private int drain() throws Exception {
        return transactions.inTransaction(c -> {
            if (!outbox.tryLock(c)) {
                return 0;
            }
            List<Outbox.Pending> pending = outbox.pending(c, BATCH);
            List<Future<RecordMetadata>> sends = new ArrayList<>(pending.size());
            for (Outbox.Pending event : pending) {
                sends.add(producer.send(new ProducerRecord<>(topic(event.channel()), event.key(), event.payload())));
            }
            for (Future<RecordMetadata> send : sends) {
                try {
                    send.get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new java.sql.SQLException("outbox event not acknowledged by Kafka", "08000", e);
                }
            }
            if (!pending.isEmpty()) {
                outbox.delete(c, pending);
                LOGGER.debugf("Published %d outbox events", pending.size());
            }
            return pending.size();
        });
    }

    private String topic(Channel channel) {
        return switch (channel) {
            case BUDGET_STATE -> config.budgets().topic();
            case AUDIT -> config.audit().topic();
        };
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
