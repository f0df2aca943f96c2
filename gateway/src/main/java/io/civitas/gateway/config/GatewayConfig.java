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
