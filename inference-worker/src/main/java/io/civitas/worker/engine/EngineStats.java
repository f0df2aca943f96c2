package io.civitas.worker.engine;

/**
 * Counters of the engine, for observability and tests.
 *
 * @param active generations running now
 * @param finished generations that ended with a finish reason
 * @param cancelled generations stopped because their caller went away
 */
public record EngineStats(int active, long finished, long cancelled) {

    public EngineStats {
        if (active < 0 || finished < 0 || cancelled < 0) {
            throw new IllegalArgumentException("counters must not be negative");
        }
    }
}
