package io.civitas.billing.tenants;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * What billing keeps of a tenant: the latest snapshot from tenant-service.
 *
 * @param priceBook the price book id; empty for the platform default
 * @param monthlyTokenBudget 0 for none
 * @param monthlyCostBudget null for none
 */
public record TenantRecord(String tenantId, long version, String name, String status, String costCentre,
        String priceBook, long monthlyTokenBudget, BigDecimal monthlyCostBudget) {

    public TenantRecord {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(costCentre, "costCentre");
        Objects.requireNonNull(priceBook, "priceBook");
        if (monthlyTokenBudget < 0 || monthlyCostBudget != null && monthlyCostBudget.signum() < 0) {
            throw new IllegalArgumentException("budgets must not be negative");
        }
    }

    /** A tenant billing has not heard of yet: no name, no budget, default prices. */
    public static TenantRecord unknown(String tenantId) {
        return new TenantRecord(tenantId, 0, "", "", "", "", 0, null);
    }
}
