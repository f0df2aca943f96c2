package io.civitas.worker.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class TokenThroughputTest {

    private final AtomicLong nanos = new AtomicLong(Duration.ofHours(1).toNanos());
    private final TokenThroughput throughput = new TokenThroughput(nanos::get);

    @Test
    void shouldAverageTheTokensOfTheWindow() {
        // Given 10 tokens in each of the last ten 100 ms buckets
        for (int i = 0; i < 10; i++) {
            throughput.record(10);
            advance(100);
        }
        throughput.record(0);

        // When
        double rate = throughput.perSecond(Duration.ofSeconds(2));

        // Then 100 tokens over 2 s
        assertThat(rate).isEqualTo(50.0);
    }

    @Test
    void shouldForgetTokensOlderThanTheWindow() {
        // Given
        throughput.record(500);
        advance(1_500);

        // When
        double rate = throughput.perSecond(Duration.ofSeconds(1));

        // Then
        assertThat(rate).isZero();
    }

    @Test
    void shouldForgetTokensOfAnEarlierLapOfTheRing() {
        // Given tokens exactly one minute ago, in the slot the current bucket reuses
        throughput.record(500);
        advance(60_000);

        // When
        double rate = throughput.perSecond(Duration.ofMillis(100));

        // Then
        assertThat(rate).isZero();
    }

    private void advance(long millis) {
        nanos.addAndGet(Duration.ofMillis(millis).toNanos());
    }
}
