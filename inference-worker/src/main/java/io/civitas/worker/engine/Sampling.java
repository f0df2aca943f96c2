package io.civitas.worker.engine;

import java.util.List;
import java.util.OptionalLong;

/**
 * How to choose tokens and when to stop.
 *
 * @param temperature 0 for greedy decoding
 * @param topP nucleus mass; 0 or 1 disables the truncation
 * @param maxTokens completion token limit; 0 means the worker's default
 * @param stop strings that end the completion before they would be emitted
 * @param seed seed for sampling, when reproducible draws are wanted
 */
public record Sampling(float temperature, float topP, int maxTokens, List<String> stop, OptionalLong seed) {

    /** Greedy decoding with the worker's default token limit. */
    public static final Sampling GREEDY = new Sampling(0f, 0f, 0, List.of(), OptionalLong.empty());

    public Sampling {
        if (!(temperature >= 0f) || Float.isInfinite(temperature)) {
            throw new InvalidRequestException("temperature must be a finite number >= 0");
        }
        if (!(topP >= 0f && topP <= 1f)) {
            throw new InvalidRequestException("top_p must be between 0 and 1");
        }
        if (maxTokens < 0) {
            throw new InvalidRequestException("max_tokens must not be negative");
        }
        stop = List.copyOf(stop);
        if (stop.stream().anyMatch(String::isEmpty)) {
            throw new InvalidRequestException("stop strings must not be empty");
        }
    }

    /** The same settings with another token limit. */
    public Sampling withMaxTokens(int limit) {
        return new Sampling(temperature, topP, limit, stop, seed);
    }
}
