package io.civitas.billing.tenants;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;

import io.civitas.billing.budgets.BudgetService;
import io.civitas.billing.config.BillingConfig;
import io.civitas.billing.db.Transactions;
import io.civitas.billing.kafka.DeadLetters;
import io.civitas.billing.kafka.KafkaClients;
import io.civitas.billing.kafka.DeadLetteringConsumer;
import io.civitas.billing.kafka.InvalidEventException;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Keeps the tenant table in step with tenant-service's compacted TenantChanged topic. A snapshot older than the one
 * stored is ignored. A stored change re-evaluates the tenant's budget in the same transaction (a raised budget
 * lifts an EXHAUSTED state). Unreadable records go to the dead-letter topic with the reason.
 */
@ApplicationScoped
public class TenantChangesConsumer {

    private static final int MAX_BATCH = 500;

    private final Transactions transactions;
    private final TenantRepository tenants;
    private final BudgetService budgets;
    private final KafkaClients kafka;
    private final BillingConfig config;
    private DeadLetteringConsumer consumer;

    public TenantChangesConsumer(Transactions transactions, TenantRepository tenants, BudgetService budgets,
            KafkaClients kafka, BillingConfig config) {
        this.transactions = transactions;
        this.tenants = tenants;
        this.budgets = budgets;
        this.kafka = kafka;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        BillingConfig.Tenants topic = config.tenants();
        consumer = DeadLetteringConsumer.start(kafka, new DeadLetteringConsumer.Spec("billing-tenant-changes",
                topic.topic(), topic.groupId(), MAX_BATCH, topic.deadLetterTopic(),
                config.usage().retryMaxBackoffMs()), this::handle);
    }

    void onStop(@Observes ShutdownEvent event) throws InterruptedException {
        consumer.stop();
    }

    private void handle(ConsumerRecords<String, byte[]> records, DeadLetters deadLetters) throws Exception {
        transactions.inTransaction(c -> {
            for (ConsumerRecord<String, byte[]> record : records) {
                TenantRecord tenant;
                try {
                    tenant = TenantChangeParser.parse(record.value());
                } catch (InvalidEventException e) {
                    deadLetters.reject(record, e.getMessage());
                    continue;
                }
                if (tenants.apply(c, tenant)) {
                    budgets.evaluate(c, tenant.tenantId(), budgets.currentMonth());
                }
            }
            return null;
        });
        budgets.committed();
    }
}
