package io.civitas.worker.engine;

/**
 * What to generate.
 *
 * @param tenantId the tenant the gateway authenticated (may be empty for engines that do not need it)
 * @param input the prompt or chat
 * @param sampling resolved settings (maxTokens positive)
 */
public record GenerationRequest(String tenantId, PromptInput input, Sampling sampling) {

    public GenerationRequest {
        if (tenantId == null || input == null || sampling == null) {
            throw new IllegalArgumentException("tenant id, input and sampling must be set");
        }
    }
}
