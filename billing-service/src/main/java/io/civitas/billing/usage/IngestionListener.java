package io.civitas.billing.usage;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** Reacts to newly ledgered usage inside the ingesting transaction, and again after its commit. */
public interface IngestionListener {

    /** Called inside the transaction with the entries that were new to the ledger. */
    void ingested(Connection connection, List<UsageEntry> inserted) throws SQLException;

    /** Called after the transaction committed. */
    default void committed() {
    }
}
