package io.civitas.worker.engine;

import java.util.concurrent.Executor;

/**
 * What to generate.
 *
 * @param tenantId the tenant the gateway authenticated (may be empty for engines that do not need it)
 * @param input the prompt or chat
 * @param sampling resolved settings (maxTokens positive)
 * @param origin runs tasks on the event loop of the caller's stream (the gRPC call's), or directly when the caller is
 *        on none: an engine whose chunks come from asynchronous I/O starts that I/O there, so that each chunk is
 *        written to the caller's stream on the thread that received it, with no hand-off between threads
 */
public record GenerationRequest(String tenantId, PromptInput input, Sampling sampling, Executor origin) {

    public GenerationRequest {
        if (tenantId == null || input == null || sampling == null || origin == null) {
            throw new IllegalArgumentException("tenant id, input, sampling and origin must be set");
        }
    }

    /** A request from a caller on no event loop. */
    public GenerationRequest(String tenantId, PromptInput input, Sampling sampling) {
        this(tenantId, input, sampling, Runnable::run);
    }
}
