package io.civitas.billing.config;

import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Configuration of the billing service. */
@ConfigMapping(prefix = "civitas.billing")
public interface BillingConfig {

    /** Where usage events come from. */
    Usage usage();

    /** Where tenant snapshots (budgets, price book, cost centre) come from. */
    Tenants tenants();

    /** Monthly budgets and the budget-state events. */
    Budgets budgets();

    /** Price books. */
    Pricing pricing();

    /** The audit events of admin actions. */
    Audit audit();

    /** The usage-event stream. */
    interface Usage {

        /** Kafka topic carrying EventEnvelopes with a UsageRecorded payload. */
        @WithDefault("civitas.usage.v1")
        String topic();

        /** Kafka topic receiving records that cannot be billed, with the reason in a header. */
        @WithDefault("civitas.usage.v1.dlq")
        String deadLetterTopic();

        /** Kafka consumer group of all billing-service replicas. */
        @WithDefault("civitas-billing")
        String groupId();

        /** Most records written to the ledger in one transaction (Kafka max.poll.records). */
        @WithDefault("5000")
        int maxBatchSize();

        /** Longest pause before a failed batch (database or broker unreachable) is retried. */
        @WithDefault("5000")
        long retryMaxBackoffMs();
    }

    /** The tenant-change stream published by tenant-service. */
    interface Tenants {

        /** Compacted Kafka topic carrying EventEnvelopes with a TenantChanged payload. */
        @WithDefault("civitas.tenant-changes.v1")
        String topic();

        /** Kafka topic receiving tenant-change records that cannot be read, with the reason in a header. */
        @WithDefault("civitas.tenant-changes.v1.dlq")
        String deadLetterTopic();

        /** Kafka consumer group reading tenant changes. */
        @WithDefault("civitas-billing-tenants")
        String groupId();
    }

    /** Budgets. */
    interface Budgets {

        /** Compacted Kafka topic receiving BudgetStateChanged events, keyed by tenant id. */
        @WithDefault("civitas.budget-state.v1")
        String topic();

        /** Alert thresholds in percent of the monthly token or cost budget; 100 and above mean EXHAUSTED. */
        @WithDefault("80,100")
        List<Integer> thresholdsPercent();

        /** How often the outbox publisher looks for unpublished events (budget states, audit events). */
        @WithDefault("1000")
        long publishIntervalMs();
    }

    /** Price books. */
    interface Pricing {

        /** Price book of tenants whose snapshot names none. */
        @WithDefault("default")
        String defaultBook();
    }

    /** Audit events. */
    interface Audit {

        /** Kafka topic receiving AdminActionPerformed events (the audit log's topic), keyed by tenant id. */
        @WithDefault("civitas.audit.v1")
        String topic();
    }
}
