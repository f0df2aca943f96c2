package io.civitas.billing.invoices;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.civitas.billing.db.Transactions;
import io.civitas.billing.pricing.PriceList;
import io.civitas.billing.pricing.PriceRepository;
import io.civitas.billing.tenants.TenantBooks;
import io.civitas.billing.tenants.TenantRecord;
import io.civitas.billing.tenants.TenantRepository;
import io.civitas.billing.usage.CarriedUsage;
import io.civitas.billing.usage.MonthLocks;
import io.civitas.billing.usage.UsageQueries;

/**
 * Drafts (computed live), finalisation, and reading of invoices. An invoice bills the month's own usage and the late
 * usage of earlier, already final months that was ledgered during the month (carried lines).
 */
@ApplicationScoped
public class InvoiceService {

    private final Transactions transactions;
    private final InvoiceRepository invoices;
    private final TenantRepository tenants;
    private final TenantBooks books;
    private final PriceRepository prices;
    private final UsageQueries usage;
    private final CarriedUsage carried;
    private final MonthLocks locks;
    private final Clock clock = Clock.systemUTC();

    public InvoiceService(Transactions transactions, InvoiceRepository invoices, TenantRepository tenants,
            TenantBooks books, PriceRepository prices, UsageQueries usage, CarriedUsage carried, MonthLocks locks) {
        this.transactions = transactions;
        this.invoices = invoices;
        this.tenants = tenants;
        this.books = books;
        this.prices = prices;
        this.usage = usage;
        this.carried = carried;
        this.locks = locks;
    }

    /** The final invoice if there is one, else the draft as of now. */
    public Invoice invoice(String tenantId, YearMonth month) throws SQLException {
        return transactions.read(c -> {
            var stored = invoices.find(c, tenantId, month);
            return stored.isPresent() ? stored.get() : draft(c, tenantId, month);
        });
    }

    /** Work done in the finalising transaction once the invoice is stored, e.g. recording the admin action. */
    @FunctionalInterface
    public interface Finalised {
        void stored(Connection c, Invoice invoice) throws SQLException;
    }

    /**
     * Stores the invoice of a month that has ended; from then on it never changes. It first takes the month's lock
     * exclusively ({@link MonthLocks}), so it waits for ingestions of the month's usage in flight and bills that
     * usage, and usage ingested after it is carried to a later invoice. {@code then} runs in the same transaction,
     * after the invoice was stored.
     *
     * @throws InvoiceMonthOpenException when the month is the current one or later
     * @throws InvoiceFinalisedException when it is already final
     */
    public Invoice finalise(String tenantId, YearMonth month, Finalised then) throws SQLException {
        if (!month.isBefore(YearMonth.now(clock.withZone(ZoneOffset.UTC)))) {
            throw new InvoiceMonthOpenException(month + " has not ended; only past months can be finalised");
        }
        return transactions.inTransaction(c -> {
            locks.exclusive(c, month);
            Invoice stored = invoices.store(c, draft(c, tenantId, month));
            then.stored(c, stored);
            return stored;
        });
    }

    /** The draft: the month's aggregates and the late usage carried to it, priced with the tenant's price list. */
    public Invoice draft(Connection c, String tenantId, YearMonth month) throws SQLException {
        return priced(c, tenantId, month, true);
    }

    /** The month's own usage priced as in the draft, without carried lines: what the month's budgets measure. */
    public Invoice ownUsage(Connection c, String tenantId, YearMonth month) throws SQLException {
        return priced(c, tenantId, month, false);
    }

    private Invoice priced(Connection c, String tenantId, YearMonth month, boolean withCarried) throws SQLException {
        TenantRecord tenant = tenants.findOrUnknown(c, tenantId);
        PriceList priceList = prices.priceList(c, books.bookOf(tenant), tenantId);
        List<InvoiceLine> lines = new ArrayList<>(InvoiceCalculator.lines(usage.month(c, tenantId, month), priceList));
        if (withCarried) {
            lines.addAll(InvoiceCalculator.carriedLines(carried.billedIn(c, tenantId, month), priceList));
        }
        return new Invoice(tenantId, month, tenant.name(), tenant.costCentre(), priceList.bookId(),
                priceList.currency(), lines, InvoiceCalculator.total(lines), null);
    }
}
