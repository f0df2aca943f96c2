package io.civitas.gateway.budget;

import java.time.Clock;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.civitas.api.events.v1.EventEnvelope;
import io.civitas.gateway.config.GatewayConfig;
import io.civitas.gateway.feeds.EnvelopeReader;
import io.civitas.gateway.feeds.FeedConsumers;
import io.civitas.gateway.feeds.TopicFeed;
import io.quarkus.runtime.Startup;

/**
 * Follows the compacted BudgetStateChanged topic from the beginning on every replica, so the current state of every
 * tenant is known shortly after start-up, and keeps it in a {@link BudgetBook}.
 */
@Startup
@ApplicationScoped
public class BudgetStateListener {

    private final BudgetBook book = new BudgetBook(Clock.systemUTC());
    private final TopicFeed feed;

    public BudgetStateListener(FeedConsumers consumers, GatewayConfig config) {
        this.feed = new TopicFeed(consumers.create("budget-state"), config.budgets().topic(),
                TopicFeed.Start.EARLIEST, EnvelopeReader.reading(this::changed)).start();
    }

    public BudgetBook book() {
        return book;
    }

    /** True once every partition is followed. */
    public boolean isFollowing() {
        return feed.isAssigned();
    }

    void changed(EventEnvelope envelope) {
        if (envelope.hasBudgetStateChanged()) {
            book.apply(envelope.getBudgetStateChanged());
        }
    }

    @PreDestroy
    void stop() {
        feed.close();
    }
}
