package io.civitas.billing.budgets;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import io.civitas.api.events.v1.BudgetStateChanged.State;
import io.civitas.billing.config.BillingConfig;
import io.civitas.billing.invoices.Invoice;
import io.civitas.billing.invoices.InvoiceLine;
import io.civitas.billing.invoices.InvoiceService;
import io.civitas.billing.outbox.OutboxSignal;
import io.civitas.billing.tenants.TenantRecord;
import io.civitas.billing.tenants.TenantRepository;
import io.civitas.billing.usage.IngestionListener;
import io.civitas.billing.usage.UsageEntry;

/**
 * Month-to-date consumption against each tenant's monthly budgets (UTC calendar month of use: late usage of an
 * earlier month carried onto this month's invoice does not count). Evaluated in the transaction that ledgered new
 * usage of the current month, that applied a tenant change, or at a month's turn; a change of state is saved with
 * an alert and an outbox event in that same transaction, so it is published exactly when it is committed.
 */
@ApplicationScoped
public class BudgetService implements IngestionListener {

    private final BudgetRepository budgets;
    private final TenantRepository tenants;
    private final InvoiceService invoices;
    private final OutboxSignal signal;
    private final List<Integer> thresholds;
    private final Clock clock = Clock.systemUTC();

    public BudgetService(BudgetRepository budgets, TenantRepository tenants, InvoiceService invoices,
            OutboxSignal signal, BillingConfig config) {
        this.budgets = budgets;
        this.tenants = tenants;
        this.invoices = invoices;
        this.signal = signal;
        this.thresholds = List.copyOf(config.budgets().thresholdsPercent());
    }

    @Override
    public void ingested(Connection c, List<UsageEntry> inserted) throws SQLException {
        YearMonth month = currentMonth();
        Set<String> affected = new TreeSet<>();
        for (UsageEntry entry : inserted) {
            if (YearMonth.from(entry.occurredAt().atOffset(ZoneOffset.UTC)).equals(month)) {
                affected.add(entry.tenantId());
            }
        }
        for (String tenantId : affected) {
            evaluate(c, tenantId, month);
        }
    }

    @Override
    public void committed() {
        signal.raise();
    }

    public YearMonth currentMonth() {
        return YearMonth.now(clock.withZone(ZoneOffset.UTC));
    }

    /** Re-evaluates a tenant for {@code month}; saves and queues a BudgetStateChanged when its state changed. */
    public void evaluate(Connection c, String tenantId, YearMonth month) throws SQLException {
        budgets.lockTenant(c, tenantId);
        TenantRecord tenant = tenants.findOrUnknown(c, tenantId);
        Optional<BudgetRepository.PublishedState> published = budgets.state(c, tenantId);
        boolean hasBudget = tenant.monthlyTokenBudget() > 0 || tenant.monthlyCostBudget() != null;
        if (!hasBudget && published.isEmpty()) {
            return;
        }
        Invoice draft = invoices.ownUsage(c, tenantId, month);
        long tokensUsed = draft.lines().stream().mapToLong(InvoiceLine::tokens).sum();
        BudgetLevel level = BudgetLevel.of(thresholds, tokensUsed, tenant.monthlyTokenBudget(), draft.total(),
                tenant.monthlyCostBudget());
        if (!changed(published, level, month.toString())) {
            return;
        }
        long sequence = published.map(p -> p.sequence() + 1).orElse(1L);
        BudgetAlert alert = new BudgetAlert(tenantId, sequence, month.toString(), level.state().name(),
                level.thresholdPercent(), tokensUsed, tenant.monthlyTokenBudget(), draft.total(),
                tenant.monthlyCostBudget(), draft.currency(), Instant.now(clock));
        budgets.save(c, alert, BudgetEvents.envelope(alert).toByteArray());
    }

    /** Evaluates, for the current month, every tenant still held back by an earlier month's state. */
    public void rollOver(Connection c) throws SQLException {
        YearMonth month = currentMonth();
        for (String tenantId : budgets.staleStates(c, month.toString())) {
            evaluate(c, tenantId, month);
        }
    }

    private static boolean changed(Optional<BudgetRepository.PublishedState> published, BudgetLevel level,
            String month) {
        if (published.isEmpty()) {
            return level.state() != State.OK;
        }
        BudgetRepository.PublishedState last = published.get();
        if (last.state().equals(State.OK.name()) && level.state() == State.OK) {
            return false;
        }
        return !last.state().equals(level.state().name()) || last.thresholdPercent() != level.thresholdPercent()
                || !last.month().equals(month);
    }
}
