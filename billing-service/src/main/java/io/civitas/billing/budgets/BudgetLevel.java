package io.civitas.billing.budgets;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

import io.civitas.api.events.v1.BudgetStateChanged.State;

/**
 * Where consumption stands against a budget: the highest configured threshold reached by either the token or the
 * cost budget (a budget of zero or none is ignored). 100 % or more is EXHAUSTED, any lower threshold is WARNING.
 */
public record BudgetLevel(State state, int thresholdPercent) {

    public static final BudgetLevel OK = new BudgetLevel(State.OK, 0);

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    public static BudgetLevel of(List<Integer> thresholds, long tokensUsed, long tokenBudget, BigDecimal costUsed,
            BigDecimal costBudget) {
        BigDecimal percent = BigDecimal.ZERO;
        if (tokenBudget > 0) {
            percent = percent.max(percent(BigDecimal.valueOf(tokensUsed), BigDecimal.valueOf(tokenBudget)));
        }
        if (costBudget != null && costBudget.signum() > 0) {
            percent = percent.max(percent(costUsed, costBudget));
        }
        int reached = 0;
        for (int threshold : thresholds) {
            if (threshold > reached && percent.compareTo(BigDecimal.valueOf(threshold)) >= 0) {
                reached = threshold;
            }
        }
        if (reached == 0) {
            return OK;
        }
        return new BudgetLevel(reached >= 100 ? State.EXHAUSTED : State.WARNING, reached);
    }

    private static BigDecimal percent(BigDecimal used, BigDecimal budget) {
        return used.multiply(HUNDRED).divide(budget, 6, RoundingMode.FLOOR);
    }
}
