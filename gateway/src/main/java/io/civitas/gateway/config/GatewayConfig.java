package io.civitas.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The gateway's settings; peers are the gRPC clients "tenant" and "worker" (quarkus.grpc.clients.*). */
@ConfigMapping(prefix = "civitas.gateway")
public interface GatewayConfig {

    /** API key resolution through tenant-service. */
    Auth auth();

    /** The inference worker. */
    Worker worker();

    /** Usage and audit events on Kafka. */
    Events events();

    /** Limits on incoming requests. */
    Request request();

    /** Tenant changes (revocations) published by tenant-service. */
    TenantChanges tenantChanges();

    /** Budget states published by billing-service. */
    Budgets budgets();

    /** Per-tenant and per-key rate limits and concurrency caps. */
    Limits limits();

    /** Tenant change settings. */
    interface TenantChanges {

        /** Topic of TenantChanged events; every replica reads all of it, from the end at start-up. */
        @WithDefault("civitas.tenant-changes.v1")
        String topic();
    }

    /** Budget settings. */
    interface Budgets {

        /** Compacted topic of BudgetStateChanged events; every replica reads all of it, from the beginning. */
        @WithDefault("civitas.budget-state.v1")
        String topic();
    }

    /** Rate limit and concurrency cap settings. */
    interface Limits {

        /** Topic on which the replicas share the requests and tokens they admitted (short retention suffices). */
        @WithDefault("civitas.rate-usage.v1")
        String usageTopic();

        /** Milliseconds between two publications of a replica's admitted requests and tokens. */
        @WithDefault("200")
        long syncIntervalMillis();

        /** Gateway replicas behind the load balancer; each enforces 1/replicas of a concurrency cap (rounded up). */
        @WithDefault("1")
        int replicas();
    }

    /** API key resolution settings. */
    interface Auth {

        /** Seconds a resolved key stays cached (keyed by the key's SHA-256); 0 disables the cache. */
        @WithDefault("30")
        long cacheTtlSeconds();

        /** Most resolved keys held in the cache. */
        @WithDefault("10000")
        int cacheMaxSize();

        /** Milliseconds to wait for tenant-service before answering 503. */
        @WithDefault("2000")
        long resolveTimeoutMillis();
    }

    /** Inference worker settings. */
    interface Worker {

        /** Seconds the worker's model list and placement stay cached. */
        @WithDefault("30")
        long modelsCacheTtlSeconds();

        /** Milliseconds to wait for the worker's model list. */
        @WithDefault("5000")
        long listModelsTimeoutMillis();

        /** Milliseconds to wait for the worker's embeddings. */
        @WithDefault("30000")
        long embedTimeoutMillis();
    }

    /** Incoming request settings. */
    interface Request {

        /** Largest request body in bytes; a larger one is answered 413 before it is read whole. */
        @WithDefault("1048576")
        long bodyMaxBytes();
    }

    /** Event publishing settings. */
    interface Events {

        /** Topic of UsageRecorded events. */
        @WithDefault("civitas.usage.v1")
        String usageTopic();

        /** Topic of RequestServed events. */
        @WithDefault("civitas.audit.v1")
        String auditTopic();
    }
}
