package io.civitas.gateway.openai;

import java.util.List;

/** Sampling options as the client gave them; null means "not given". */
public record Sampling(Double temperature, Double topP, Integer maxTokens, List<String> stop, Long seed) {

    public static final double MAX_TEMPERATURE = 2.0;
    public static final int MAX_STOP_SEQUENCES = 4;

    public Sampling {
        if (temperature != null && (temperature < 0 || temperature > MAX_TEMPERATURE)) {
            throw new IllegalArgumentException("temperature out of range");
        }
        if (topP != null && (topP < 0 || topP > 1)) {
            throw new IllegalArgumentException("top_p out of range");
        }
        if (maxTokens != null && maxTokens < 1) {
            throw new IllegalArgumentException("max_tokens must be positive");
        }
        stop = stop == null ? List.of() : List.copyOf(stop);
        if (stop.size() > MAX_STOP_SEQUENCES) {
            throw new IllegalArgumentException("too many stop sequences");
        }
    }
}
