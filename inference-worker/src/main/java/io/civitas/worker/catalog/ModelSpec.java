package io.civitas.worker.catalog;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One model the worker serves, as configured.
 *
 * @param id the id requests name
 * @param engine its engine
 * @param dir jlama: the Hugging Face model directory
 * @param generateIfMissing jlama: generate the tiny test model into dir when absent
 * @param upstreamUrl openai-upstream: the server's base URL
 * @param upstreamModel openai-upstream: the model name the server serves
 * @param contextLength openai-upstream: context length when the server does not report it
 * @param requiresGpu whether the model refuses to start without GPUs
 * @param tensorParallelSize GPUs the model is sharded over
 * @param maxSequences sequences running at once
 */
public record ModelSpec(String id, EngineKind engine, Optional<Path> dir, boolean generateIfMissing,
        Optional<URI> upstreamUrl, String upstreamModel, Optional<Integer> contextLength, boolean requiresGpu,
        int tensorParallelSize, int maxSequences) {

    public ModelSpec {
        if (id == null || id.isBlank() || engine == null) {
            throw new IllegalArgumentException("a served model needs an id and an engine");
        }
        if (engine == EngineKind.JLAMA && dir.isEmpty()) {
            throw new IllegalArgumentException("model '" + id + "': the jlama engine needs dir");
        }
        if (engine == EngineKind.OPENAI_UPSTREAM && upstreamUrl.isEmpty()) {
            throw new IllegalArgumentException("model '" + id + "': the openai-upstream engine needs upstream-url");
        }
        if (tensorParallelSize < 1 || maxSequences < 1 || contextLength.filter(c -> c < 1).isPresent()) {
            throw new IllegalArgumentException(
                    "model '" + id + "': tensor-parallel-size, max-sequences and context-length must be positive");
        }
        if (engine == EngineKind.JLAMA && maxSequences != 1) {
            throw new IllegalArgumentException("model '" + id + "': the jlama engine runs exactly 1 sequence");
        }
    }
}
