package io.civitas.worker.engine;

import java.util.function.Consumer;

/** Passes chunks on and counts the tokens each one adds into the engine's throughput. */
final class TokenCounter implements Consumer<GenerationChunk> {

    private final Consumer<GenerationChunk> next;
    private final TokenThroughput throughput;
    private int counted;

    TokenCounter(Consumer<GenerationChunk> next, TokenThroughput throughput) {
        this.next = next;
        this.throughput = throughput;
    }

    @Override
    public void accept(GenerationChunk chunk) {
        int added = chunk.completionTokens() - counted;
        counted = chunk.completionTokens();
        if (added > 0) {
            throughput.record(added);
        }
        next.accept(chunk);
    }
}
