package io.civitas.gateway.openai;

import java.util.Objects;

/**
 * A chat request's OpenAI {@code tools}, {@code tool_choice} and {@code response_format}, validated and kept as JSON
 * for the worker to pass to its engine; empty strings when not given ({@code response_format} "text" is the default
 * and is not passed).
 */
public record ToolOptions(String toolsJson, String toolChoiceJson, String responseFormatJson) {

    public static final ToolOptions NONE = new ToolOptions("", "", "");

    public ToolOptions {
        Objects.requireNonNull(toolsJson, "toolsJson");
        Objects.requireNonNull(toolChoiceJson, "toolChoiceJson");
        Objects.requireNonNull(responseFormatJson, "responseFormatJson");
        if (toolsJson.isEmpty() && !toolChoiceJson.isEmpty()) {
            throw new IllegalArgumentException("tool_choice needs tools");
        }
    }
}
