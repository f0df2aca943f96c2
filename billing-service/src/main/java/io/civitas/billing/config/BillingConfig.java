package io.civitas.billing.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Configuration of the billing service. */
@ConfigMapping(prefix = "civitas.billing")
public interface BillingConfig {

    /** Where usage events come from. */
    Usage usage();

    /** The usage-event stream. */
    interface Usage {

        /** Kafka topic carrying EventEnvelopes with a UsageRecorded payload. */
        @WithDefault("civitas.usage.v1")
        String topic();

        /** Kafka topic receiving records that cannot be billed (unparseable, wrong payload, failed write). */
        @WithDefault("civitas.usage.v1.dlq")
        String deadLetterTopic();

        /** Kafka consumer group of all billing-service replicas. */
        @WithDefault("civitas-billing")
        String groupId();
    }
}
