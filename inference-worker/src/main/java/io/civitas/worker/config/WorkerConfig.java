package io.civitas.worker.config;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Configuration of the inference worker. */
@ConfigMapping(prefix = "civitas.worker")
public interface WorkerConfig {

    /** Worker id reported in placements; defaults to the host name. */
    Optional<String> id();

    /** Region reported in placements. */
    @WithDefault("local")
    String region();

    /** Node (machine) reported in placements; defaults to the host name. */
    Optional<String> node();

    /** GPU label reported in placements when no GPU is found ("none" on CPU-only workers). */
    @WithDefault("none")
    String gpu();

    /** Directory for the worker's own files (KV cache pages under kv/), relative to the working directory. */
    @WithDefault("data")
    String dataDir();

    /** The served model. */
    Model model();

    /** The generation engine. */
    Engine engine();

    /** Load reports (WatchLoad). */
    Load load();

    /** Graceful shutdown. */
    Drain drain();

    /** Finding the worker's GPUs. */
    GpuDiscovery gpuDiscovery();

    /** The served model. */
    interface Model {

        /** Model id that requests must name. */
        @WithDefault("civitas-tiny")
        String id();

        /** Hugging Face layout directory (config.json, tokenizer.json, model.safetensors). */
        @WithDefault("data/models/civitas-tiny")
        String dir();

        /** Generate the tiny test model into dir at startup when its config.json is absent. */
        @WithDefault("true")
        boolean generateIfMissing();
    }

    /** The generation engine. */
    interface Engine {

        /** Threads the engine's matrix operations use (capped at the available processors). */
        @WithDefault("2")
        int threads();

        /** Completion tokens when a request does not set max_tokens. */
        @WithDefault("256")
        int maxTokens();

        /** Requests that may wait for a sequence slot; further requests get RESOURCE_EXHAUSTED at once. */
        @WithDefault("16")
        int queueSize();

        /** Sequences generating at once (the Jlama engine supports only 1). */
        @WithDefault("1")
        int maxSequences();

        /** Seconds a request may wait for a sequence slot before it fails with RESOURCE_EXHAUSTED. */
        @WithDefault("30")
        int queueTimeoutSeconds();
    }

    /** Load reports (WatchLoad). */
    interface Load {

        /** Interval between load reports when a request does not set one. */
        @WithDefault("1000")
        int intervalMs();

        /** Shortest interval between load reports; shorter requested intervals are raised to it. */
        @WithDefault("100")
        int minIntervalMs();
    }

    /** Graceful shutdown. */
    interface Drain {

        /** Seconds in-flight requests may take to finish after shutdown began (SIGTERM). */
        @WithDefault("30")
        int graceSeconds();
    }

    /** Finding the worker's GPUs. */
    interface GpuDiscovery {

        /** nvidia-smi command (name on the PATH or path); when it cannot be run the worker has no GPUs. */
        @WithDefault("nvidia-smi")
        String command();

        /** Seconds the command may take; a slower one means no GPUs. */
        @WithDefault("10")
        int timeoutSeconds();
    }
}
