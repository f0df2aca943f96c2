package io.civitas.tenant.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Configuration of the tenant service ({@code civitas.tenant.*}).
 */
@ConfigMapping(prefix = "civitas.tenant")
public interface TenantServiceConfig {

    /** API key settings. */
    Keys keys();

    /** Transactional outbox and its publisher. */
    Outbox outbox();

    /** API key settings. */
    interface Keys {

        /** Secret pepper of HMAC-SHA256(pepper, key); required (no default), at least 32 characters, never logged. */
        @Size(min = 32)
        String pepper();

        /** Default and longest time a rotated key keeps working next to its successor. */
        @WithDefault("86400")
        @Min(0)
        long rotationOverlapSeconds();

        /** How often the coarse last-used times of keys are written to the database. */
        @WithDefault("30")
        @Min(1)
        long lastUsedFlushSeconds();
    }

    /** Transactional outbox and its publisher. */
    interface Outbox {

        /** Whether this instance publishes the outbox (only one instance at a time does: a database lock). */
        @WithDefault("true")
        boolean enabled();

        /** Topic of TenantChanged events. */
        @WithDefault("civitas.tenant-changes.v1")
        @NotBlank
        String tenantChangesTopic();

        /** Topic of AdminActionPerformed events. */
        @WithDefault("civitas.audit.v1")
        @NotBlank
        String auditTopic();

        /** Kafka transactional id of the publisher; fences a publisher that lost its lock. */
        @WithDefault("civitas-tenant-outbox")
        @NotBlank
        String transactionalId();

        /** Rows published per Kafka transaction. */
        @WithDefault("100")
        @Min(1)
        @Max(10000)
        int batchSize();

        /** Pause between polls of an empty outbox. */
        @WithDefault("250")
        @Min(10)
        long pollIntervalMillis();

        /** How long published rows are kept before they are deleted. */
        @WithDefault("168")
        @Min(1)
        long retentionHours();
    }
}
