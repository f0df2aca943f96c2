package io.civitas.worker.engine;

import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;

/**
 * The engine's load at one moment.
 *
 * @param queueDepth requests waiting for a sequence slot
 * @param queueCapacity requests that may wait
 * @param activeSequences sequences running now
 * @param maxSequences sequences that may run at once
 * @param tokensPerSecond tokens generated per second over the requested window
 * @param freeKvTokens KV-cache positions free now over all models, when every model's engine knows its own
 * @param draining whether the worker stopped admitting
 * @param models ids of the loaded models
 * @param takenAt when the snapshot was taken
 */
public record LoadSnapshot(int queueDepth, int queueCapacity, int activeSequences, int maxSequences,
        double tokensPerSecond, OptionalLong freeKvTokens, boolean draining, List<String> models, Instant takenAt) {

    public LoadSnapshot {
        if (queueDepth < 0 || queueCapacity < 0 || activeSequences < 0 || maxSequences < 1 || tokensPerSecond < 0) {
            throw new IllegalArgumentException("invalid load snapshot");
        }
        models = List.copyOf(models);
    }
}
