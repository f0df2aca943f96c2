package io.civitas.billing.usage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Decides, in the ingesting transaction, which new entries are late: their tenant's invoice of the UTC month they
 * occurred in is already final. Late entries are carried ({@link CarriedUsage}) onto the invoice of the month in
 * which they are ledgered, so every ledgered token is billed on exactly one invoice.
 * <p>
 * Per batch: one statement takes the {@link MonthLocks} of the months of use in it (and of the current month, which
 * bills late usage), one later statement reads which of the tenants' invoices of those months (and of the current
 * month, for tenants with usage of another) are final. The normal path ends there; only late entries cost more.
 */
@ApplicationScoped
public class LateUsage {

    private static final String FINAL = """
            SELECT i.tenant_id, i.month
              FROM invoice i
              JOIN unnest(?::text[], ?::text[]) AS u(tenant_id, month)
                ON i.tenant_id = u.tenant_id AND i.month = u.month
            """;

    private final MonthLocks locks;
    private final CarriedUsage carried;
    private final Clock clock = Clock.systemUTC();

    public LateUsage(MonthLocks locks, CarriedUsage carried) {
        this.locks = locks;
        this.carried = carried;
    }

    /**
     * Locks the months of the newly ledgered entries until commit and carries the late ones.
     *
     * @return the late entries
     */
    public List<UsageEntry> carry(Connection c, List<UsageEntry> inserted) throws SQLException {
        if (inserted.isEmpty()) {
            return List.of();
        }
        YearMonth now = YearMonth.now(clock.withZone(ZoneOffset.UTC));
        TenantMonth[] used = new TenantMonth[inserted.size()];
        Set<TenantMonth> invoices = new HashSet<>();
        for (int i = 0; i < used.length; i++) {
            used[i] = TenantMonth.of(inserted.get(i));
            if (invoices.add(used[i]) && !used[i].month().equals(now)) {
                invoices.add(new TenantMonth(used[i].tenantId(), now));
            }
        }
        Set<YearMonth> months = new HashSet<>();
        for (TenantMonth invoice : invoices) {
            months.add(invoice.month());
        }
        locks.share(c, months);
        Set<TenantMonth> finalised = finalised(c, invoices);
        if (finalised.isEmpty()) {
            return List.of();
        }
        List<UsageEntry> late = new ArrayList<>();
        Map<String, YearMonth> billedMonths = new HashMap<>();
        for (int i = 0; i < used.length; i++) {
            if (finalised.contains(used[i])) {
                late.add(inserted.get(i));
                billedMonths.putIfAbsent(used[i].tenantId(), now);
            }
        }
        for (Map.Entry<String, YearMonth> billed : billedMonths.entrySet()) {
            billed.setValue(openMonth(c, billed.getKey(), now, finalised));
        }
        carried.add(c, late, billedMonths);
        return late;
    }

    /**
     * The month that bills the tenant's late usage: the current one, locked and checked above. Only when clocks
     * disagree at a month's turn can it already be final; the usage then goes to the next month that is not.
     */
    private YearMonth openMonth(Connection c, String tenantId, YearMonth now, Set<TenantMonth> finalised)
            throws SQLException {
        YearMonth month = now;
        while (finalised.contains(new TenantMonth(tenantId, month))) {
            month = month.plusMonths(1);
            locks.share(c, Set.of(month));
            finalised.addAll(finalised(c, Set.of(new TenantMonth(tenantId, month))));
        }
        return month;
    }

    /** Which of the invoices are final; a statement of its own, so it sees what lock holders committed. */
    private static Set<TenantMonth> finalised(Connection c, Collection<TenantMonth> invoices) throws SQLException {
        String[] tenants = new String[invoices.size()];
        String[] months = new String[invoices.size()];
        int i = 0;
        for (TenantMonth invoice : invoices) {
            tenants[i] = invoice.tenantId();
            months[i++] = invoice.month().toString();
        }
        Set<TenantMonth> result = new HashSet<>();
        try (PreparedStatement query = c.prepareStatement(FINAL)) {
            query.setArray(1, c.createArrayOf("text", tenants));
            query.setArray(2, c.createArrayOf("text", months));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    result.add(new TenantMonth(rows.getString(1), YearMonth.parse(rows.getString(2))));
                }
            }
        }
        return result;
    }
}
