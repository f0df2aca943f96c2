package io.civitas.gateway.openai;

import java.util.List;
import java.util.Objects;

/** A validated embeddings request: one or more input strings. */
public record EmbeddingRequest(String model, List<String> inputs, EncodingFormat encodingFormat)
        implements ModelRequest {

    /** How the vectors are written: JSON numbers, or base64 of little-endian float32. */
    public enum EncodingFormat {
        FLOAT, BASE64
    }

    public EmbeddingRequest {
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("model is required");
        }
        inputs = List.copyOf(inputs);
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("inputs must not be empty");
        }
        Objects.requireNonNull(encodingFormat, "encodingFormat");
    }

    @Override
    public boolean stream() {
        return false;
    }
}
