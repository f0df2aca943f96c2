package io.civitas.billing.usage;

import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Objects;

/** One tenant's UTC calendar month: the unit of an invoice. */
public record TenantMonth(String tenantId, YearMonth month) {

    public TenantMonth {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(month, "month");
    }

    /** The tenant and UTC month in which the entry's usage occurred. */
    public static TenantMonth of(UsageEntry entry) {
        return new TenantMonth(entry.tenantId(), YearMonth.from(entry.occurredAt().atOffset(ZoneOffset.UTC)));
    }
}
