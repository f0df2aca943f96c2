package io.civitas.audit.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Configuration of the audit service. */
@ConfigMapping(prefix = "civitas.audit")
public interface AuditConfig {

    /** Where audit events come from. */
    Events events();

    /** How the chain is verified. */
    Verifier verifier();

    /** The audit-event stream. */
    interface Events {

        /** Kafka topic carrying EventEnvelopes with a RequestServed payload. */
        @WithDefault("civitas.audit.v1")
        String topic();

        /** Kafka topic receiving records that cannot be audited (unparseable, wrong payload, failed write). */
        @WithDefault("civitas.audit.v1.dlq")
        String deadLetterTopic();

        /** Kafka consumer group of all audit-service replicas. */
        @WithDefault("civitas-audit")
        String groupId();
    }

    /** The chain verifier. */
    interface Verifier {

        /** Number of entries read from the database per query while walking the chain. */
        @WithDefault("500")
        int batchSize();
    }
}
