package io.civitas.billing.budgets;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.civitas.billing.outbox.Channel;
import io.civitas.billing.outbox.Outbox;

/** Budget states and alerts; their BudgetStateChanged events go to the outbox. */
@ApplicationScoped
public class BudgetRepository {

    /** The state last published for a tenant. */
    public record PublishedState(String month, String state, int thresholdPercent, long sequence) {
    }

    private final Outbox outbox;

    public BudgetRepository(Outbox outbox) {
        this.outbox = outbox;
    }

    /** Serialises budget evaluation of one tenant across transactions and replicas until commit. */
    public void lockTenant(Connection c, String tenantId) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
            lock.setString(1, "budget:" + tenantId);
            lock.execute();
        }
    }

    public Optional<PublishedState> state(Connection c, String tenantId) throws SQLException {
        try (PreparedStatement query = c.prepareStatement(
                "SELECT month, state, threshold_percent, sequence FROM budget_state WHERE tenant_id = ?")) {
            query.setString(1, tenantId);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(new PublishedState(rows.getString(1), rows.getString(2),
                        rows.getInt(3), rows.getLong(4))) : Optional.empty();
            }
        }
    }

    /** Records a state change: the tenant's state, an alert, and the event to publish, all in {@code c}. */
    public void save(Connection c, BudgetAlert alert, byte[] event) throws SQLException {
        try (PreparedStatement upsert = c.prepareStatement("""
                INSERT INTO budget_state (tenant_id, month, state, threshold_percent, sequence)
                VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (tenant_id) DO UPDATE SET month = excluded.month, state = excluded.state,
                    threshold_percent = excluded.threshold_percent, sequence = excluded.sequence, updated_at = now()
                """)) {
            upsert.setString(1, alert.tenantId());
            upsert.setString(2, alert.month());
            upsert.setString(3, alert.state());
            upsert.setInt(4, alert.thresholdPercent());
            upsert.setLong(5, alert.sequence());
            upsert.executeUpdate();
        }
        try (PreparedStatement insert = c.prepareStatement("""
                INSERT INTO budget_alert (tenant_id, sequence, month, state, threshold_percent, tokens_used,
                                          token_budget, cost_used, cost_budget, currency)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            insert.setString(1, alert.tenantId());
            insert.setLong(2, alert.sequence());
            insert.setString(3, alert.month());
            insert.setString(4, alert.state());
            insert.setInt(5, alert.thresholdPercent());
            insert.setLong(6, alert.tokensUsed());
            insert.setLong(7, alert.tokenBudget());
            insert.setBigDecimal(8, alert.costUsed());
            insert.setBigDecimal(9, alert.costBudget());
            insert.setString(10, alert.currency());
            insert.executeUpdate();
        }
        outbox.append(c, Channel.BUDGET_STATE, alert.tenantId(), event);
    }

    public List<BudgetAlert> alerts(Connection c, String tenantId) throws SQLException {
        List<BudgetAlert> alerts = new ArrayList<>();
        try (PreparedStatement query = c.prepareStatement("""
                SELECT sequence, month, state, threshold_percent, tokens_used, token_budget, cost_used, cost_budget,
                       currency, raised_at
                  FROM budget_alert WHERE tenant_id = ? ORDER BY sequence""")) {
            query.setString(1, tenantId);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    alerts.add(new BudgetAlert(tenantId, rows.getLong(1), rows.getString(2), rows.getString(3),
                            rows.getInt(4), rows.getLong(5), rows.getLong(6), rows.getBigDecimal(7),
                            rows.getBigDecimal(8), rows.getString(9), rows.getTimestamp(10).toInstant()));
                }
            }
        }
        return alerts;
    }

    /** Tenants whose published state belongs to an earlier month and is not OK: a new month may lift it. */
    public List<String> staleStates(Connection c, String month) throws SQLException {
        List<String> tenants = new ArrayList<>();
        try (PreparedStatement query = c.prepareStatement(
                "SELECT tenant_id FROM budget_state WHERE month < ? AND state <> 'OK' ORDER BY tenant_id")) {
            query.setString(1, month);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    tenants.add(rows.getString(1));
                }
            }
        }
        return tenants;
    }
}
