package io.civitas.worker.catalog;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Singleton;

import io.civitas.worker.config.WorkerConfig;

/**
 * The models this worker serves, from {@code civitas.worker.models.<id>.*}; without any, the single Jlama model of
 * {@code civitas.worker.model.*}.
 */
@Singleton
public class ModelCatalog {

    private final List<ModelSpec> models;

    ModelCatalog(WorkerConfig config) {
        this.models = from(config);
    }

    /** The served models, in id order. */
    public List<ModelSpec> models() {
        return models;
    }

    /** Whether {@code id} is served here. */
    public boolean serves(String id) {
        return models.stream().anyMatch(m -> m.id().equals(id));
    }

    static List<ModelSpec> from(WorkerConfig config) {
        if (config.models().isEmpty()) {
            WorkerConfig.Model single = config.model();
            return List.of(new ModelSpec(single.id(), EngineKind.JLAMA, Optional.of(Path.of(single.dir())),
                    single.generateIfMissing(), Optional.empty(), single.id(), Optional.empty(), false, 1,
                    config.engine().maxSequences()));
        }
        return config.models().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> spec(e.getKey(), e.getValue())).toList();
    }

    private static ModelSpec spec(String id, WorkerConfig.ServedModel m) {
        EngineKind engine = EngineKind.fromConfig(m.engine());
        return new ModelSpec(id, engine, m.dir().map(Path::of), m.generateIfMissing(), m.upstreamUrl().map(URI::create),
                m.upstreamModel().orElse(id), m.contextLength(), m.requiresGpu().orElse(engine.requiresGpuByDefault()),
                m.tensorParallelSize(), m.maxSequences().orElse(engine.defaultMaxSequences()));
    }
}
