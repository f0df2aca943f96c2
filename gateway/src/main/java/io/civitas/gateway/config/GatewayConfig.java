package io.civitas.gateway.config;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The gateway's settings; peers are the gRPC client "tenant" (quarkus.grpc.clients.tenant.*) and the inference workers
 * (civitas.gateway.worker.addresses, or the one gRPC client "worker" when no address is listed).
 */
@ConfigMapping(prefix = "civitas.gateway")
public interface GatewayConfig {

    /** API key resolution through tenant-service. */
    Auth auth();

    /** The inference workers: where they are, how they are watched and chosen. */
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

        /** Static worker gRPC addresses (host:port); none: the one worker of quarkus.grpc.clients.worker. */
        Optional<List<String>> addresses();

        /** Milliseconds the start-up waits for every static worker's first load report (or failure). */
        @WithDefault("3000")
        long startupWaitMillis();

        /** Interval asked of each worker's WatchLoad stream, in milliseconds. */
        @WithDefault("1000")
        int loadIntervalMillis();

        /**
         * Milliseconds without a load report after which a worker's stream counts as failed (it is cancelled, the
         * worker leaves the eligible set and the watch is reopened): a worker whose process hangs keeps its
         * connection open. Several report intervals, so that a busy worker's late report does not trip it.
         */
        @WithDefault("5000")
        long loadStaleMillis();

        /** First delay before re-opening a failed WatchLoad stream; doubles per failure up to the maximum. */
        @WithDefault("250")
        long reconnectInitialMillis();

        /** Longest delay between WatchLoad reconnection attempts. */
        @WithDefault("10000")
        long reconnectMaxMillis();

        /** Most workers one request is tried on before its first byte (RESOURCE_EXHAUSTED/UNAVAILABLE fail over). */
        @WithDefault("3")
        int maxAttempts();

        /** Kubernetes discovery of worker pods, beside or instead of static addresses. */
        Discovery discovery();

        /** Milliseconds to wait for a worker's model list. */
        @WithDefault("5000")
        long listModelsTimeoutMillis();

        /** Milliseconds to wait for the worker's embeddings. */
        @WithDefault("30000")
        long embedTimeoutMillis();
    }

    /** Worker pods found through the Kubernetes API (list/watch pods); the cluster comes from quarkus.kubernetes-client.*. */
    interface Discovery {

        /** Whether to watch worker pods; off for the local platform, which lists static addresses. */
        @WithDefault("false")
        boolean enabled();

        /** Namespace of the worker pods; none: the client's namespace (the gateway pod's own). */
        Optional<String> namespace();

        /** Label selector of worker pods. */
        @WithDefault("app.kubernetes.io/component=inference-worker")
        String labelSelector();

        /** Name of the container port that serves gRPC; a pod without it is dialled on {@link #grpcPort()}. */
        @WithDefault("grpc")
        String grpcPortName();

        /** gRPC port of a worker pod whose containers declare no port named {@link #grpcPortName()}. */
        @WithDefault("8091")
        int grpcPort();

        /** Seconds between the informer's full resyncs (0: none). */
        @WithDefault("300")
        long resyncSeconds();
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

        /** Producer delivery.timeout.ms: after this an undelivered event goes to the spool. */
        @WithDefault("10000")
        int deliveryTimeoutMillis();

        /** Producer request.timeout.ms (at most the delivery timeout). */
        @WithDefault("5000")
        int requestTimeoutMillis();

        /** Producer max.block.ms: longest a send waits for metadata while Kafka is away (on the sender thread). */
        @WithDefault("2000")
        long maxBlockMillis();

        /** The local spool of events Kafka did not take. */
        Spool spool();
    }

    /** Durable local spool of undelivered events, drained in order once Kafka is back. */
    interface Spool {

        /** Directory of the spool files; must survive restarts (a volume in Kubernetes). */
        @WithDefault("spool")
        String dir();

        /** First pause after a failed re-send from the spool; doubles per failure up to the maximum. */
        @WithDefault("500")
        long retryInitialMillis();

        /** Longest pause between re-send attempts. */
        @WithDefault("10000")
        long retryMaxMillis();
    }
}
