package io.civitas.tenant.outbox;

/**
 * Where an outbox row goes; the topic of each channel is configuration ({@code civitas.tenant.outbox.*-topic}).
 */
public enum Channel {
    TENANT_CHANGES,
    AUDIT
}
