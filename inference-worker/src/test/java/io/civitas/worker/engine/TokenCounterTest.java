package io.civitas.worker.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.civitas.worker.metrics.ModelMeters;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class TokenCounterTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AtomicLong clock = new AtomicLong();
    private final List<GenerationChunk> passedOn = new ArrayList<>();
    private final TokenCounter counter = new TokenCounter(passedOn::add,
            new TokenThroughput(clock::get), new ModelMeters(registry, "m"), clock::get);

    @Test
    void shouldTimeTheFirstTokenFromArrivalAndLaterTokensFromThePreviousChunk() {
        // Given chunks at 500 ms (first token), 600 ms (second) and 800 ms (third and fourth, held back together)
        List<GenerationChunk> chunks = List.of(chunk(1), chunk(2), chunk(4));
        long[] at = { 500, 600, 800 };

        // When
        for (int i = 0; i < chunks.size(); i++) {
            clock.set(Duration.ofMillis(at[i]).toNanos());
            counter.accept(chunks.get(i));
        }

        // Then
        assertThat(registry.get("civitas.worker.time.to.first.token").timer().totalTime(TimeUnit.MILLISECONDS))
                .isEqualTo(500);
        assertThat(registry.get("civitas.worker.inter.token.latency").timer().count()).isEqualTo(3);
        assertThat(registry.get("civitas.worker.inter.token.latency").timer().totalTime(TimeUnit.MILLISECONDS))
                .isEqualTo(300);
        assertThat(registry.get("civitas.worker.completion.tokens").counter().count()).isEqualTo(4);
        assertThat(registry.get("civitas.worker.prompt.tokens").tag("model", "m").counter().count()).isEqualTo(9);
        assertThat(passedOn).isEqualTo(chunks);
    }

    private static GenerationChunk chunk(int completionTokens) {
        return new GenerationChunk("x", 9, completionTokens, Optional.empty());
    }
}
