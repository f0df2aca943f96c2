package io.civitas.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class OverheadTest {

    private long now;
    private final Overhead overhead = new Overhead(0, () -> now);

    @Test
    void shouldSubtractEveryUpstreamWaitUpToItsLastAnswer() {
        // Given: 2 ms own work, 10 ms key resolution, 1 ms, worker call answering at +3 and +50 ms, 4 ms formatting
        advance(2);
        overhead.calling();
        advance(10);
        overhead.answered();
        advance(1);
        overhead.calling();
        advance(3);
        overhead.answered();
        advance(47);
        overhead.answered();
        advance(4);

        // When
        long nanos = overhead.nanos();

        // Then
        assertThat(nanos).isEqualTo(TimeUnit.MILLISECONDS.toNanos(2 + 1 + 4));
    }

    @Test
    void shouldCountACallThatHasNotAnsweredYetAsOverheadAndIgnoreAnswersWithoutACall() {
        // Given
        advance(5);
        overhead.answered();
        overhead.calling();
        advance(7);

        // When
        long nanos = overhead.nanos();

        // Then
        assertThat(nanos).isEqualTo(TimeUnit.MILLISECONDS.toNanos(12));
    }

    private void advance(long millis) {
        now += TimeUnit.MILLISECONDS.toNanos(millis);
    }
}
