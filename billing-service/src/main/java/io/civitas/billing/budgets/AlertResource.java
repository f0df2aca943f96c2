package io.civitas.billing.budgets;

import java.sql.SQLException;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.civitas.billing.db.Transactions;
import io.civitas.support.security.Roles;
import io.civitas.billing.rest.TenantAccess;

/** Every budget state change of a tenant (80 %, 100 %, back to OK), oldest first. */
@Path("/billing/v1/tenants/{tenant}/alerts")
@Produces(MediaType.APPLICATION_JSON)
public class AlertResource {

    private final Transactions transactions;
    private final BudgetRepository budgets;
    private final TenantAccess access;

    public AlertResource(Transactions transactions, BudgetRepository budgets, TenantAccess access) {
        this.transactions = transactions;
        this.budgets = budgets;
        this.access = access;
    }

    public record Alert(long sequence, String month, String state, int thresholdPercent, long tokensUsed,
            long tokenBudget, String costUsed, String costBudget, String currency, java.time.Instant raisedAt) {

        static Alert of(BudgetAlert a) {
            return new Alert(a.sequence(), a.month(), a.state(), a.thresholdPercent(), a.tokensUsed(),
                    a.tokenBudget(), a.costUsed().toPlainString(),
                    a.costBudget() == null ? null : a.costBudget().toPlainString(), a.currency(), a.raisedAt());
        }
    }

    @GET
    @RolesAllowed({ Roles.PLATFORM_ADMIN, Roles.AUDITOR, Roles.TENANT_ADMIN })
    public List<Alert> alerts(@PathParam("tenant") String tenantId) throws SQLException {
        access.requireRead(tenantId);
        return transactions.read(c -> budgets.alerts(c, tenantId).stream().map(Alert::of).toList());
    }
}
