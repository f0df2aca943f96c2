package io.civitas.billing.usage;

import java.sql.SQLException;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import io.civitas.billing.db.Transactions;

/**
 * Writes a batch of usage entries in one transaction: the ledger rows, the daily aggregates of the rows that were
 * new, the carried aggregates of those that are late for a final invoice ({@link LateUsage}), and whatever follows
 * from them (budgets). Either all of it is committed or none.
 */
@ApplicationScoped
public class UsageIngestion {

    private final Transactions transactions;
    private final UsageLedger ledger;
    private final DailyUsage daily;
    private final LateUsage late;
    private final List<IngestionListener> listeners;

    public UsageIngestion(Transactions transactions, UsageLedger ledger, DailyUsage daily,
            LateUsage late, Instance<IngestionListener> listeners) {
        this.transactions = transactions;
        this.ledger = ledger;
        this.daily = daily;
        this.late = late;
        this.listeners = listeners.stream().toList();
    }

    /**
     * Ingests the entries; duplicates of events already in the ledger are skipped.
     *
     * @return how many entries were new
     */
    public int ingest(List<UsageEntry> entries) throws SQLException {
        int inserted = transactions.inTransaction(connection -> {
            List<UsageEntry> fresh = ledger.insert(connection, entries);
            late.carry(connection, fresh);
            daily.add(connection, fresh);
            for (IngestionListener listener : listeners) {
                listener.ingested(connection, fresh);
            }
            return fresh.size();
        });
        for (IngestionListener listener : listeners) {
            listener.committed();
        }
        return inserted;
    }
}
