package io.civitas.billing.budgets;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.civitas.billing.config.BillingConfig;
import io.civitas.billing.db.Transactions;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * At start and then once a minute, re-evaluates the tenants whose budget state is from a past month (a new month may
 * lift it); a failed run is retried after {@code civitas.billing.budgets.publish-interval-ms}.
 */
@ApplicationScoped
public class BudgetRollOver {

    private static final Logger LOGGER = Logger.getLogger(BudgetRollOver.class);
    private static final Duration EVERY = Duration.ofMinutes(1);

    private final Transactions transactions;
    private final BudgetService service;
    private final BillingConfig config;
    private final CountDownLatch stopping = new CountDownLatch(1);
    private Thread thread;

    public BudgetRollOver(Transactions transactions, BudgetService service, BillingConfig config) {
        this.transactions = transactions;
        this.service = service;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        thread = Thread.ofPlatform().name("billing-budget-rollover").start(this::run);
    }

    void onStop(@Observes ShutdownEvent event) throws InterruptedException {
        stopping.countDown();
        thread.join();
    }

    private void run() {
        long pauseMs;
        do {
            try {
                transactions.inTransaction(c -> {
                    service.rollOver(c);
                    return null;
                });
                service.committed();
                pauseMs = EVERY.toMillis();
            } catch (Exception e) {
                LOGGER.warnf("Budget roll-over failed (%s); retrying", e.toString());
                pauseMs = config.budgets().publishIntervalMs();
            }
        } while (!stopped(pauseMs));
    }

    private boolean stopped(long pauseMs) {
        try {
            return stopping.await(pauseMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }
}
