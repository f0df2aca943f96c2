package io.civitas.worker.catalog;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.inject.Singleton;

import io.civitas.worker.config.WorkerConfig;
import io.civitas.worker.embeddings.MiniLmEngine;
import io.civitas.worker.engine.JlamaEngine;
import io.civitas.worker.engine.ModelEngine;
import io.civitas.worker.upstream.CacheSalt;
import io.civitas.worker.upstream.OpenAiUpstreamEngine;
import io.civitas.worker.upstream.UpstreamSettings;
import io.vertx.core.Vertx;

/** Creates the engine of a served model (not loaded yet). */
@Singleton
public class EngineFactory {

    private final WorkerConfig config;
    private final Vertx vertx;
    private final CacheSalt cacheSalt;

    EngineFactory(WorkerConfig config, Vertx vertx) {
        this.config = config;
        this.vertx = vertx;
        this.cacheSalt = new CacheSalt(config.upstream().cacheSaltSecret());
    }

    /** The engine for {@code spec}. */
    public ModelEngine create(ModelSpec spec) {
        return switch (spec.engine()) {
            case JLAMA -> new JlamaEngine(spec.dir().orElseThrow(), spec.generateIfMissing(),
                    Path.of(config.dataDir(), "kv", spec.id()), config.engine().threads());
            case OPENAI_UPSTREAM -> new OpenAiUpstreamEngine(vertx, upstream(spec), cacheSalt);
            case EMBEDDINGS -> new MiniLmEngine();
        };
    }

    private UpstreamSettings upstream(ModelSpec spec) {
        WorkerConfig.Upstream upstream = config.upstream();
        return new UpstreamSettings(spec.id(), spec.upstreamUrl().orElseThrow(), spec.upstreamModel(),
                spec.contextLength(), upstream.apiKey(), Duration.ofSeconds(upstream.connectTimeoutSeconds()),
                Duration.ofSeconds(upstream.retrySeconds()), spec.maxSequences());
    }
}
