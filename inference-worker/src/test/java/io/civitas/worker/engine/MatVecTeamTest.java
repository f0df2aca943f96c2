package io.civitas.worker.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class MatVecTeamTest {

    @ParameterizedTest
    @CsvSource({"1, 1000", "2, 1", "2, 3", "2, 4", "2, 1000", "3, 4097"})
    void shouldRunEveryRowExactlyOnce(int threads, int rows) {
        // Given
        MatVecTeam team = new MatVecTeam(threads);
        AtomicIntegerArray runs = new AtomicIntegerArray(rows + 10);

        // When rows [10, 10 + rows) are run, a hundred times
        for (int i = 0; i < 100; i++) {
            team.run(10, 10 + rows, (from, to) -> {
                for (int r = from; r < to; r++) {
                    runs.incrementAndGet(r);
                }
            });
        }

        // Then
        for (int r = 0; r < rows + 10; r++) {
            assertThat(runs.get(r)).as("row %d", r).isEqualTo(r < 10 ? 0 : 100);
        }
    }

    @Test
    void shouldShareTheRowsWithItsHelpers() {
        // Given
        MatVecTeam team = new MatVecTeam(2);
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        CountDownLatch bothStarted = new CountDownLatch(2);

        // When each share waits until the other thread has started one too
        team.run(0, 1000, (from, to) -> {
            threads.add(Thread.currentThread());
            bothStarted.countDown();
            await(bothStarted);
        });

        // Then
        assertThat(threads).hasSize(2).contains(Thread.currentThread());
    }

    @Test
    void shouldRethrowWhatARowThrowsAndKeepWorking() {
        // Given
        MatVecTeam team = new MatVecTeam(2);

        // When / Then
        assertThatThrownBy(() -> team.run(0, 1000, (from, to) -> {
            throw new IllegalStateException("row " + from);
        })).isInstanceOf(IllegalStateException.class).hasMessageStartingWith("row ");
        AtomicIntegerArray runs = new AtomicIntegerArray(1000);
        team.run(0, 1000, (from, to) -> {
            for (int r = from; r < to; r++) {
                runs.incrementAndGet(r);
            }
        });
        for (int r = 0; r < 1000; r++) {
            assertThat(runs.get(r)).isEqualTo(1);
        }
    }

    @Test
    void shouldRunAProductStartedFromAShareOnTheCallingThreadAlone() {
        // Given
        MatVecTeam team = new MatVecTeam(2);
        AtomicIntegerArray inner = new AtomicIntegerArray(100);
        Set<Thread> innerThreads = ConcurrentHashMap.newKeySet();

        // When a share runs a product of its own while the team is busy with the outer one
        team.run(0, 4, (from, to) -> {
            if (from == 0) {
                team.run(0, 100, (f, t) -> {
                    innerThreads.add(Thread.currentThread());
                    for (int r = f; r < t; r++) {
                        inner.incrementAndGet(r);
                    }
                });
            }
        });

        // Then
        assertThat(innerThreads).hasSize(1);
        for (int r = 0; r < 100; r++) {
            assertThat(inner.get(r)).isEqualTo(1);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
