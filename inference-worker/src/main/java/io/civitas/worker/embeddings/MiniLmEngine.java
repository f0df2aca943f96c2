package io.civitas.worker.embeddings;

import java.util.List;
import java.util.OptionalLong;

import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.langchain4j.model.output.Response;
import io.civitas.worker.engine.Embedding;
import io.civitas.worker.engine.InvalidRequestException;
import io.civitas.worker.engine.ModelEngine;
import io.civitas.worker.engine.ModelNotReadyException;

/**
 * The embeddings engine: sentence-transformers' all-MiniLM-L6-v2 (384 dimensions, mean pooling, unit length), as
 * shipped inside langchain4j's jar and run by ONNX Runtime on the CPU. Token counts come from its WordPiece tokenizer
 * without the [CLS] and [SEP] tokens; inputs longer than the model's 510 tokens are embedded in parts and averaged
 * by langchain4j. It does not generate text.
 */
public final class MiniLmEngine implements ModelEngine {

    /** The model's dimensions. */
    public static final int DIMENSIONS = 384;
    /** Positions the model accepts, [CLS] and [SEP] included. */
    private static final int CONTEXT_LENGTH = 512;

    private volatile AllMiniLmL6V2EmbeddingModel model;

    @Override
    public void load() {
        model = new AllMiniLmL6V2EmbeddingModel(Runnable::run);
    }

    @Override
    public void warmUp() {
        embed(List.of("warm up"));
    }

    @Override
    public Capabilities capabilities() {
        return new Capabilities(CONTEXT_LENGTH, false, true, false);
    }

    @Override
    public List<Embedding> embed(List<String> inputs) {
        AllMiniLmL6V2EmbeddingModel m = model;
        if (m == null) {
            throw new ModelNotReadyException("the embedding model is not loaded yet");
        }
        return inputs.stream().map(input -> {
            if (input.isBlank()) {
                throw new InvalidRequestException("embedding inputs must not be blank");
            }
            Response<dev.langchain4j.data.embedding.Embedding> response = m.embed(input);
            return new Embedding(response.content().vector(), response.tokenUsage().inputTokenCount());
        }).toList();
    }

    /** An encoder holds no KV cache. */
    @Override
    public OptionalLong freeKvTokens() {
        return OptionalLong.of(0);
    }

    @Override
    public void close() {
        model = null;
    }
}
