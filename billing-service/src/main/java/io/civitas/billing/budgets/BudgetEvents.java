package io.civitas.billing.budgets;

import java.time.Instant;

import com.google.protobuf.Timestamp;

import io.civitas.api.events.v1.BudgetStateChanged;
import io.civitas.api.events.v1.EventEnvelope;
import io.civitas.api.events.v1.EventType;

/** Builds the BudgetStateChanged envelope of an alert. */
final class BudgetEvents {

    private BudgetEvents() {
    }

    static EventEnvelope envelope(BudgetAlert alert) {
        Instant at = alert.raisedAt();
        return EventEnvelope.newBuilder()
                .setEventId("budget-" + alert.tenantId() + "-" + alert.sequence())
                .setType(EventType.EVENT_TYPE_BUDGET_STATE_CHANGED)
                .setOccurredAt(Timestamp.newBuilder().setSeconds(at.getEpochSecond()).setNanos(at.getNano()))
                .setSchemaVersion(1)
                .setTenantId(alert.tenantId())
                .setProducer("billing-service")
                .setBudgetStateChanged(BudgetStateChanged.newBuilder()
                        .setTenantId(alert.tenantId())
                        .setMonth(alert.month())
                        .setState(BudgetStateChanged.State.valueOf(alert.state()))
                        .setThresholdPercent(alert.thresholdPercent())
                        .setTokensUsed(alert.tokensUsed())
                        .setTokenBudget(alert.tokenBudget())
                        .setCostUsed(alert.costUsed().toPlainString())
                        .setCostBudget(alert.costBudget() == null ? "" : alert.costBudget().toPlainString())
                        .setCurrency(alert.currency())
                        .setSequence(alert.sequence()))
                .build();
    }
}
