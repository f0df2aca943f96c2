package io.civitas.gateway.openai;

/** A request that generates text: a chat completion or a (legacy) text completion. */
public sealed interface GenerationRequest extends ModelRequest permits ChatRequest, TextCompletionRequest {

    Sampling sampling();

    /** Whether a stream ends with a usage chunk. */
    boolean includeUsage();
}
