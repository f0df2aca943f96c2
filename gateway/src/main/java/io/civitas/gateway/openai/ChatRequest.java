package io.civitas.gateway.openai;

import java.util.List;
import java.util.Objects;

/** A validated chat completion request; {@code tools} holds tools, tool_choice and response_format. */
public record ChatRequest(String model, List<ChatMessage> messages, Sampling sampling, boolean stream,
        boolean includeUsage, ToolOptions tools) implements GenerationRequest {

    public ChatRequest {
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("model is required");
        }
        messages = List.copyOf(messages);
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("messages must not be empty");
        }
        Objects.requireNonNull(sampling, "sampling");
        if (includeUsage && !stream) {
            throw new IllegalArgumentException("include_usage needs stream");
        }
        Objects.requireNonNull(tools, "tools");
    }

    /** A request without tools. */
    public ChatRequest(String model, List<ChatMessage> messages, Sampling sampling, boolean stream,
            boolean includeUsage) {
        this(model, messages, sampling, stream, includeUsage, ToolOptions.NONE);
    }
}
