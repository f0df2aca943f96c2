package io.civitas.gateway.openai;

import java.util.Objects;

/** A validated (legacy) text completion request: one prompt, continued by the model. */
public record TextCompletionRequest(String model, String prompt, Sampling sampling, boolean stream,
        boolean includeUsage) implements GenerationRequest {

    public TextCompletionRequest {
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("model is required");
        }
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(sampling, "sampling");
        if (includeUsage && !stream) {
            throw new IllegalArgumentException("include_usage needs stream");
        }
    }
}
