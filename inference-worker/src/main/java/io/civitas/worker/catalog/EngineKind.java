package io.civitas.worker.catalog;

import java.util.Arrays;

/** The engines a served model can run on. */
public enum EngineKind {

    /** Jlama in the worker's JVM on the CPU, from a Hugging Face model directory. */
    JLAMA("jlama", "jlama-cpu", false, 1),
    /** An OpenAI-compatible server on loopback (vLLM on GPU nodes; TGI, llama.cpp server, NIM). */
    OPENAI_UPSTREAM("openai-upstream", "openai-upstream", true, 64),
    /** The all-MiniLM-L6-v2 sentence embedding model on ONNX Runtime (CPU). */
    EMBEDDINGS("embeddings", "onnx-cpu", false, 1);

    private final String configName;
    private final String placementEngine;
    private final boolean requiresGpuByDefault;
    private final int defaultMaxSequences;

    EngineKind(String configName, String placementEngine, boolean requiresGpuByDefault, int defaultMaxSequences) {
        this.configName = configName;
        this.placementEngine = placementEngine;
        this.requiresGpuByDefault = requiresGpuByDefault;
        this.defaultMaxSequences = defaultMaxSequences;
    }

    /** The kind named {@code name} in configuration. */
    public static EngineKind fromConfig(String name) {
        return Arrays.stream(values()).filter(k -> k.configName.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown engine '" + name
                        + "' (expected jlama, openai-upstream or embeddings)"));
    }

    /** The name in configuration and in ListModels. */
    public String configName() {
        return configName;
    }

    /** The engine label in placements. */
    public String placementEngine() {
        return placementEngine;
    }

    boolean requiresGpuByDefault() {
        return requiresGpuByDefault;
    }

    int defaultMaxSequences() {
        return defaultMaxSequences;
    }
}
