package io.civitas.billing.support;

import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import io.civitas.billing.usage.IngestionListener;
import io.civitas.billing.usage.UsageEntry;

/**
 * Test hook in the ingesting transaction: once armed for a tenant, the next batch with usage of that tenant stops
 * inside its transaction (ledger rows, aggregates and month locks taken, nothing committed) until the gate is opened,
 * so a test can race another transaction against an ingestion in flight. Unarmed it does nothing.
 */
@ApplicationScoped
public class IngestionGate implements IngestionListener {

    private static final Duration MAX_HOLD = Duration.ofSeconds(60);

    private volatile Armed armed;

    private record Armed(String tenantId, CountDownLatch entered, CountDownLatch opened) {
    }

    /** Holds the next ingestion of {@code tenantId} open until {@link #open()} (or a minute at most). */
    public void arm(String tenantId) {
        armed = new Armed(tenantId, new CountDownLatch(1), new CountDownLatch(1));
    }

    /** Waits until an ingestion of the armed tenant is held in its transaction. */
    public boolean awaitHeld(Duration timeout) throws InterruptedException {
        return armed.entered().await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Lets the held ingestion go on and commit, and disarms the gate. */
    public void open() {
        Armed gate = armed;
        armed = null;
        if (gate != null) {
            gate.opened().countDown();
        }
    }

    @Override
    public void ingested(Connection connection, List<UsageEntry> inserted) {
        Armed gate = armed;
        if (gate == null || inserted.stream().noneMatch(e -> e.tenantId().equals(gate.tenantId()))) {
            return;
        }
        gate.entered().countDown();
        try {
            gate.opened().await(MAX_HOLD.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
