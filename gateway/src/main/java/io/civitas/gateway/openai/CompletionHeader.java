package io.civitas.gateway.openai;

/** What every completion object and chunk of one request repeats: request id, creation time and model. */
public record CompletionHeader(String requestId, long createdEpochSecond, String model) {

    public CompletionHeader {
        if (requestId == null || requestId.isBlank() || model == null || model.isBlank()) {
            throw new IllegalArgumentException("requestId and model are required");
        }
    }
}
