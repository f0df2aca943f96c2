package io.civitas.tenant.domain;

import java.math.BigDecimal;

/**
 * Limits of a tenant; 0 means "no limit" and a null cost budget means "no cost budget". The cost budget is in the
 * currency of the tenant's price book, with at most two decimals.
 */
public record Quotas(int requestsPerMinute, long tokensPerMinute, long monthlyTokenBudget,
        BigDecimal monthlyCostBudget, int maxConcurrency) {

    /** No limits at all. */
    public static final Quotas UNLIMITED = new Quotas(0, 0, 0, null, 0);

    public Quotas {
        requireNotNegative(requestsPerMinute, "requestsPerMinute");
        requireNotNegative(tokensPerMinute, "tokensPerMinute");
        requireNotNegative(monthlyTokenBudget, "monthlyTokenBudget");
        requireNotNegative(maxConcurrency, "maxConcurrency");
        if (monthlyCostBudget != null) {
            if (monthlyCostBudget.signum() < 0 || monthlyCostBudget.scale() > 2
                    || monthlyCostBudget.precision() - monthlyCostBudget.scale() > 16) {
                throw new InvalidRequestException(
                        "monthlyCostBudget must be a non-negative amount with at most two decimals");
            }
            monthlyCostBudget = monthlyCostBudget.setScale(2);
        }
    }

    static void requireNotNegative(long value, String field) {
        if (value < 0) {
            throw new InvalidRequestException(field + " must not be negative");
        }
    }
}
