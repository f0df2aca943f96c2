package io.civitas.worker.engine;

import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import io.civitas.worker.metrics.ModelMeters;

/**
 * Passes one generation's chunks on and measures them: the tokens each chunk adds go into the engine's throughput and
 * the model's token counters; the first chunk's time since arrival into time to first token, later chunks' time since
 * the previous one into inter-token latency. A chunk that adds several tokens (text held back for a UTF-8 character
 * or a possible stop string) spreads its wait evenly over them; the first chunk counts as one first token.
 */
final class TokenCounter implements Consumer<GenerationChunk> {

    private final Consumer<GenerationChunk> next;
    private final TokenThroughput throughput;
    private final ModelMeters meters;
    private final LongSupplier nanoClock;
    private final long arrivedAt;
    private long lastTokenAt;
    private boolean promptCounted;
    private int counted;

    /** Starts measuring a generation that arrives now. */
    TokenCounter(Consumer<GenerationChunk> next, TokenThroughput throughput, ModelMeters meters,
            LongSupplier nanoClock) {
        this.next = next;
        this.throughput = throughput;
        this.meters = meters;
        this.nanoClock = nanoClock;
        this.arrivedAt = nanoClock.getAsLong();
    }

    @Override
    public void accept(GenerationChunk chunk) {
        long now = nanoClock.getAsLong();
        if (!promptCounted) {
            promptCounted = true;
            meters.promptTokens(chunk.promptTokens());
        }
        int added = chunk.completionTokens() - counted;
        if (added > 0) {
            recordTokens(added, now);
        }
        next.accept(chunk);
    }

    private void recordTokens(int added, long now) {
        if (counted == 0) {
            meters.timeToFirstToken(Duration.ofNanos(now - arrivedAt));
        } else {
            Duration gap = Duration.ofNanos((now - lastTokenAt) / added);
            for (int i = 0; i < added; i++) {
                meters.interTokenLatency(gap);
            }
        }
        counted += added;
        lastTokenAt = now;
        throughput.record(added);
        meters.completionTokens(added);
    }
}
