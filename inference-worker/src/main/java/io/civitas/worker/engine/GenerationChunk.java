package io.civitas.worker.engine;

import java.util.Optional;

/**
 * One piece of a streamed completion.
 *
 * @param text text since the previous chunk (may be empty)
 * @param promptTokens tokens of the prompt as the model saw it
 * @param completionTokens tokens generated so far
 * @param finishReason present only on the last chunk
 */
public record GenerationChunk(String text, int promptTokens, int completionTokens,
        Optional<FinishReason> finishReason) {

    public GenerationChunk {
        if (text == null || promptTokens < 0 || completionTokens < 0 || finishReason == null) {
            throw new IllegalArgumentException("invalid chunk");
        }
    }
}
