package io.civitas.worker.engine;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * One served model on its engine. The worker loads it, warms it up, then calls it from sequence slots, one call per
 * slot at a time. Features an engine cannot honour fail with {@link UnsupportedFeatureException}.
 */
public interface ModelEngine extends AutoCloseable {

    /** Loads the model (or connects to it); blocks until it can serve, or fails. */
    void load();

    /** Runs one short generation or embedding, so that the first request does not pay for the engine's start. */
    void warmUp();

    /** What the model offers; valid once loaded. */
    Capabilities capabilities();

    /**
     * Generates a completion, sending chunks to {@code sink} (the last carries the finish reason).
     *
     * @return the finish reason, or empty when the cancellation came first
     */
    default Optional<FinishReason> generate(GenerationRequest request, Consumer<GenerationChunk> sink,
            Cancellation cancellation) {
        throw new UnsupportedFeatureException("this model does not generate text");
    }

    /**
     * KV-cache positions free for new tokens now, over all of this model's sequences, when the engine knows them (an
     * upstream server's cache is its own: empty). A model that holds no KV cache reports 0.
     */
    default OptionalLong freeKvTokens() {
        return OptionalLong.empty();
    }

    /** Embeds each input. */
    default List<Embedding> embed(List<String> inputs) {
        throw new UnsupportedFeatureException("this model does not compute embeddings");
    }

    @Override
    void close();

    /**
     * What a loaded model offers.
     *
     * @param contextLength usable positions (prompt plus completion)
     * @param chat whether it generates text
     * @param embeddings whether it computes embeddings
     * @param tools whether tools and response_format are honoured
     */
    record Capabilities(int contextLength, boolean chat, boolean embeddings, boolean tools) {

        public Capabilities {
            if (contextLength < 1) {
                throw new IllegalArgumentException("context length must be positive");
            }
        }
    }
}
