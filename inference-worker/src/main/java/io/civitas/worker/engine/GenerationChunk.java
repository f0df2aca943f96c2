package io.civitas.worker.engine;

import java.util.Optional;

/**
 * One piece of a streamed completion.
 *
 * @param text text since the previous chunk (may be empty)
 * @param promptTokens tokens of the prompt as the model saw it
 * @param completionTokens tokens generated so far
 * @param finishReason present only on the last chunk
 * @param toolCallsJson tool-call deltas of this chunk as an OpenAI {@code delta.tool_calls} JSON array, or empty
 * @param cachedPromptTokens prompt tokens served from the engine's prefix cache, when it reports them
 */
public record GenerationChunk(String text, int promptTokens, int completionTokens,
        Optional<FinishReason> finishReason, String toolCallsJson, int cachedPromptTokens) {

    public GenerationChunk {
        if (text == null || promptTokens < 0 || completionTokens < 0 || finishReason == null || toolCallsJson == null
                || cachedPromptTokens < 0) {
            throw new IllegalArgumentException("invalid chunk");
        }
    }

    /** A chunk of text only. */
    public GenerationChunk(String text, int promptTokens, int completionTokens, Optional<FinishReason> finishReason) {
        this(text, promptTokens, completionTokens, finishReason, "", 0);
    }
}
