package io.civitas.billing.tenants;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

/** The tenant table. */
@ApplicationScoped
public class TenantRepository {

    private static final String UPSERT = """
            INSERT INTO tenant (tenant_id, tenant_version, name, status, cost_centre, price_book,
                                monthly_token_budget, monthly_cost_budget, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, now())
            ON CONFLICT (tenant_id) DO UPDATE SET
                tenant_version = excluded.tenant_version, name = excluded.name, status = excluded.status,
                cost_centre = excluded.cost_centre, price_book = excluded.price_book,
                monthly_token_budget = excluded.monthly_token_budget,
                monthly_cost_budget = excluded.monthly_cost_budget, updated_at = now()
            WHERE tenant.tenant_version < excluded.tenant_version
            """;

    /**
     * Stores the snapshot unless the stored one is as new or newer.
     *
     * @return true when stored
     */
    public boolean apply(Connection c, TenantRecord tenant) throws SQLException {
        try (PreparedStatement upsert = c.prepareStatement(UPSERT)) {
            upsert.setString(1, tenant.tenantId());
            upsert.setLong(2, tenant.version());
            upsert.setString(3, tenant.name());
            upsert.setString(4, tenant.status());
            upsert.setString(5, tenant.costCentre());
            upsert.setString(6, tenant.priceBook());
            upsert.setLong(7, tenant.monthlyTokenBudget());
            upsert.setBigDecimal(8, tenant.monthlyCostBudget());
            return upsert.executeUpdate() == 1;
        }
    }

    public Optional<TenantRecord> find(Connection c, String tenantId) throws SQLException {
        try (PreparedStatement query = c.prepareStatement("""
                SELECT tenant_version, name, status, cost_centre, price_book, monthly_token_budget,
                       monthly_cost_budget
                  FROM tenant WHERE tenant_id = ?""")) {
            query.setString(1, tenantId);
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                return Optional.of(new TenantRecord(tenantId, rows.getLong(1), rows.getString(2), rows.getString(3),
                        rows.getString(4), rows.getString(5), rows.getLong(6), rows.getBigDecimal(7)));
            }
        }
    }

    /** The stored snapshot, or {@link TenantRecord#unknown}. */
    public TenantRecord findOrUnknown(Connection c, String tenantId) throws SQLException {
        return find(c, tenantId).orElseGet(() -> TenantRecord.unknown(tenantId));
    }
}
