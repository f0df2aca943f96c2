package io.civitas.gateway.limits;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.civitas.gateway.auth.TenantGrant;
import io.civitas.gateway.budget.BudgetBook;
import io.civitas.gateway.budget.BudgetStateListener;
import io.civitas.gateway.config.GatewayConfig;
import io.civitas.gateway.error.ConcurrencyLimitExceededException;
import io.civitas.gateway.events.KafkaProducerFactory;
import io.civitas.gateway.feeds.FeedConsumers;
import io.quarkus.runtime.Startup;

/**
 * Decides whether an authenticated request may start: the tenant's budget (billing's state), the tenant's and the
 * key's concurrency caps (this replica's share), then their requests and tokens per minute (shared by all replicas
 * through {@link UsageGossip}).
 */
@Startup
@ApplicationScoped
public class RequestAdmission {

    private static final String KEY_SUBJECT = "key:";
    private static final String TENANT_SUBJECT = "tenant:";

    private final RateLimiter limiter;
    private final ConcurrencyLimiter concurrency = new ConcurrencyLimiter();
    private final UsageGossip gossip;
    private final BudgetBook budgets;
    private final int replicas;

    public RequestAdmission(GatewayConfig config, KafkaProducerFactory producers, FeedConsumers consumers,
            ObjectMapper json, BudgetStateListener budgets) {
        GatewayConfig.Limits limits = config.limits();
        if (limits.replicas() < 1) {
            throw new IllegalArgumentException("civitas.gateway.limits.replicas must be at least 1");
        }
        this.replicas = limits.replicas();
        this.budgets = budgets.book();
        this.limiter = new RateLimiter(UUID.randomUUID().toString(), Clock.systemUTC());
        this.gossip = new UsageGossip(limiter, producers.create(), consumers.create("rate-usage"), limits.usageTopic(),
                Duration.ofMillis(limits.syncIntervalMillis()), json).start();
    }

    /**
     * Admits the request or fails with a {@link io.civitas.gateway.error.BudgetExhaustedException},
     * {@link ConcurrencyLimitExceededException} or {@link io.civitas.gateway.error.RateLimitExceededException}; the
     * caller releases the admission when it ends.
     */
    public Admission admit(TenantGrant grant) {
        budgets.check(grant.tenantId());
        String tenant = TENANT_SUBJECT + grant.tenantId();
        String key = KEY_SUBJECT + grant.tenantId() + "/" + grant.keyId();
        int tenantCap = share(grant.tenantQuota().maxConcurrency());
        int keyCap = share(grant.keyQuota().maxConcurrency());
        if (!concurrency.tryAcquire(tenant, tenantCap)) {
            throw new ConcurrencyLimitExceededException("organization " + grant.tenantId(), tenantCap);
        }
        if (!concurrency.tryAcquire(key, keyCap)) {
            free(tenant, tenantCap);
            throw new ConcurrencyLimitExceededException("key " + grant.keyId(), keyCap);
        }
        Runnable freeSlots = () -> {
            free(tenant, tenantCap);
            free(key, keyCap);
        };
        try {
            limiter.admit(grant.tenantId(), grant.keyId(), grant.tenantQuota(), grant.keyQuota());
        } catch (RuntimeException e) {
            freeSlots.run();
            throw e;
        }
        return new Admission(limiter, grant.tenantId(), grant.keyId(), freeSlots);
    }

    /** The budget threshold (percent) the tenant crossed this month, when its budget is in the WARNING state. */
    public Optional<Integer> budgetWarningPercent(String tenantId) {
        return budgets.warningPercent(tenantId);
    }

    /** True once the replica hears the others' usage. */
    public boolean isSharingUsage() {
        return gossip.isFollowing();
    }

    /** This replica's share of a cap: cap / replicas, rounded up; 0 (no cap) stays 0. */
    private int share(int cap) {
        return cap == 0 ? 0 : (int) ((cap + (long) replicas - 1) / replicas);
    }

    private void free(String subject, int cap) {
        if (cap > 0) {
            concurrency.release(subject);
        }
    }

    @PreDestroy
    void stop() {
        gossip.close();
    }
}
