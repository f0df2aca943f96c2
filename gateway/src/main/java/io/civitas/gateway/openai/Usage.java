package io.civitas.gateway.openai;

/** Token counts as reported by the worker and shown to the client. */
public record Usage(int promptTokens, int completionTokens) {

    public static final Usage NONE = new Usage(0, 0);

    public Usage {
        if (promptTokens < 0 || completionTokens < 0) {
            throw new IllegalArgumentException("Token counts must not be negative");
        }
    }

    public int totalTokens() {
        return promptTokens + completionTokens;
    }
}
