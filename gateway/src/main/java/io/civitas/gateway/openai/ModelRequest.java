package io.civitas.gateway.openai;

/** A validated request for a model: a generation (chat or text completion) or embeddings. */
public sealed interface ModelRequest permits GenerationRequest, EmbeddingRequest {

    /** The model id the client asked for. */
    String model();

    /** Whether the answer is a Server-Sent Events stream. */
    boolean stream();
}
