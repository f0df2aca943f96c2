package io.civitas.worker.config;

import java.util.Map;
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

    /**
     * The served models by id, each with its engine. When empty, the worker serves the one Jlama model of
     * {@link #model()} (the single-model keys of earlier versions).
     */
    Map<String, ServedModel> models();

    /** The single Jlama model served when {@link #models()} is empty. */
    Model model();

    /** Settings shared by the openai-upstream models. */
    Upstream upstream();

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

    /** One served model and its engine. */
    interface ServedModel {

        /** Engine: jlama, openai-upstream or embeddings. */
        String engine();

        /** jlama: Hugging Face layout directory (config.json, tokenizer.json, model.safetensors). */
        Optional<String> dir();

        /** jlama: generate the tiny test model into dir at startup when its config.json is absent. */
        @WithDefault("false")
        boolean generateIfMissing();

        /** openai-upstream: base URL of the OpenAI-compatible server, e.g. http://127.0.0.1:8000 (no /v1). */
        Optional<String> upstreamUrl();

        /** openai-upstream: the model name the upstream serves (vLLM --served-model-name); defaults to the id. */
        Optional<String> upstreamModel();

        /** openai-upstream: context length when the upstream's /v1/models does not report max_model_len. */
        Optional<Integer> contextLength();

        /** Whether the model needs GPUs; defaults to true for openai-upstream and false otherwise. */
        Optional<Boolean> requiresGpu();

        /** GPUs the model is sharded over; must equal the number of GPUs the worker owns (default 1). */
        @WithDefault("1")
        int tensorParallelSize();

        /** Sequences of this model running at once; defaults to 1 (jlama, embeddings) or 64 (openai-upstream). */
        Optional<Integer> maxSequences();
    }

    /** Settings shared by the openai-upstream models. */
    interface Upstream {

        /**
         * Secret keying the per-tenant prefix-cache salt (cache_salt = hex HMAC-SHA256(secret, tenant id)); when
         * unset, a random secret is drawn at startup (salts then change when the worker restarts).
         */
        Optional<String> cacheSaltSecret();

        /** Bearer token the upstream requires (vLLM --api-key), if any. */
        Optional<String> apiKey();

        /** Seconds to wait for a connection to the upstream. */
        @WithDefault("5")
        int connectTimeoutSeconds();

        /** Seconds between attempts to reach an upstream that is not up yet (the model stays not ready). */
        @WithDefault("2")
        int retrySeconds();
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

        /** Sequences generating at once for the single-model configuration (the Jlama engine supports only 1). */
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
