package io.civitas.worker.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class StopStringFilterTest {

    @Test
    void shouldHoldBackAPossibleStopPrefixAndCutAtTheMatch() {
        // Given
        StopStringFilter filter = new StopStringFilter(List.of("END"));

        // When
        String first = filter.offer("abc E");
        String second = filter.offer("N");
        String third = filter.offer("Dxyz");

        // Then
        assertThat(first).isEqualTo("abc ");
        assertThat(second).isEmpty();
        assertThat(third).isEmpty();
        assertThat(filter.stopped()).isTrue();
    }

    @Test
    void shouldReleaseAHeldPrefixThatDidNotBecomeAStopString() {
        // Given
        StopStringFilter filter = new StopStringFilter(List.of("END"));

        // When
        String first = filter.offer("xE");
        String second = filter.offer("Nx");
        String rest = filter.flush();

        // Then
        assertThat(first + second + rest).isEqualTo("xENx");
        assertThat(filter.stopped()).isFalse();
    }

    @Test
    void shouldCutAtTheEarliestOfSeveralStopStrings() {
        // Given
        StopStringFilter filter = new StopStringFilter(List.of("world", "lo"));

        // When
        String released = filter.offer("hello world");

        // Then
        assertThat(released).isEqualTo("hel");
    }
}
