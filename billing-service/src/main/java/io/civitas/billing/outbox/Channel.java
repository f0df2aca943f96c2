package io.civitas.billing.outbox;

/**
 * Where an outbox row goes; the topic of each channel is configuration ({@code civitas.billing.budgets.topic},
 * {@code civitas.billing.audit.topic}).
 */
public enum Channel {
    /** BudgetStateChanged events, keyed by tenant id. */
    BUDGET_STATE,
    /** AdminActionPerformed events, keyed by tenant id ("platform" when none). */
    AUDIT
}
