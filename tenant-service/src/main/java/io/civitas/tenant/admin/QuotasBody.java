package io.civitas.tenant.admin;

import java.math.BigDecimal;

import io.civitas.tenant.domain.Quotas;

/**
 * Quotas in requests and responses; a missing or zero limit means "no limit", a missing cost budget "no cost
 * budget".
 */
public record QuotasBody(Integer requestsPerMinute, Long tokensPerMinute, Long monthlyTokenBudget,
        BigDecimal monthlyCostBudget, Integer maxConcurrency) {

    static QuotasBody of(Quotas quotas) {
        return new QuotasBody(quotas.requestsPerMinute(), quotas.tokensPerMinute(), quotas.monthlyTokenBudget(),
                quotas.monthlyCostBudget(), quotas.maxConcurrency());
    }

    Quotas toQuotas() {
        return new Quotas(orZero(requestsPerMinute), orZero(tokensPerMinute), orZero(monthlyTokenBudget),
                monthlyCostBudget, orZero(maxConcurrency));
    }

    static int orZero(Integer value) {
        return value == null ? 0 : value;
    }

    static long orZero(Long value) {
        return value == null ? 0 : value;
    }
}
