package io.civitas.billing.usage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.YearMonth;
import java.util.Collection;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Transaction-scoped PostgreSQL advisory locks per UTC month that make the finalisation of an invoice and the
 * ingestion of that month's usage serialise: ingestion holds the lock of every month of use in its batch shared
 * (ingestions never wait for one another), finalisation holds its month's lock exclusively. So an ingestion in
 * flight commits its usage before a finalisation reads the month, and one that waited sees the final invoice (and
 * carries its usage, see {@link LateUsage}). One lock per month, not per tenant, keeps a batch at a few locks
 * whatever the number of tenants in it; the price is that finalising one tenant's month briefly holds back batches
 * with usage of that month of other tenants too.
 * <p>
 * Keys are (hash of "billing-month", yyyymm) in the two-integer key space, apart from billing's other advisory locks;
 * a batch's months are taken in order in one statement. Only a statement that starts after the lock was granted
 * sees what the previous holder committed (READ COMMITTED).
 */
@ApplicationScoped
public class MonthLocks {

    private static final String SHARE = """
            SELECT count(pg_advisory_xact_lock_shared(hashtext('billing-month'), k.month_key))
              FROM (SELECT DISTINCT u.month_key FROM unnest(?::int4[]) AS u(month_key) ORDER BY 1) AS k
            """;
    private static final String EXCLUSIVE = "SELECT pg_advisory_xact_lock(hashtext('billing-month'), ?)";

    /** For ingestion: waits while any of the months is being finalised, then holds them shared until commit. */
    public void share(Connection c, Collection<YearMonth> months) throws SQLException {
        if (months.isEmpty()) {
            return;
        }
        Integer[] keys = months.stream().map(MonthLocks::key).toArray(Integer[]::new);
        try (PreparedStatement lock = c.prepareStatement(SHARE)) {
            lock.setArray(1, c.createArrayOf("int4", keys));
            lock.execute();
        }
    }

    /** For finalisation: waits for ingestions of the month's usage in flight, then holds it alone until commit. */
    public void exclusive(Connection c, YearMonth month) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement(EXCLUSIVE)) {
            lock.setInt(1, key(month));
            lock.execute();
        }
    }

    /** The month's lock key, yyyymm. */
    public static int key(YearMonth month) {
        return month.getYear() * 100 + month.getMonthValue();
    }
}
