package io.civitas.billing.budgets;

import java.math.BigDecimal;
import java.time.Instant;

/** A published budget state change of a tenant, as kept for the alerts API. */
public record BudgetAlert(String tenantId, long sequence, String month, String state, int thresholdPercent,
        long tokensUsed, long tokenBudget, BigDecimal costUsed, BigDecimal costBudget, String currency,
        Instant raisedAt) {
}
