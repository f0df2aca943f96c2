package io.civitas.worker.catalog;

import java.util.Map;

import io.civitas.worker.config.WorkerConfig;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** The worker's configuration mapping built from properties alone, as SmallRye Config maps it at startup. */
public final class WorkerConfigs {

    private WorkerConfigs() {
    }

    /** The mapping of {@code properties} (defaults for the rest). */
    public static WorkerConfig of(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(WorkerConfig.class)
                .withSources(new PropertiesConfigSource(properties, "test", 100)).build();
        return config.getConfigMapping(WorkerConfig.class);
    }
}
