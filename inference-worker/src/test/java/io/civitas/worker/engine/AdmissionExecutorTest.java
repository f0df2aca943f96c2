package io.civitas.worker.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class AdmissionExecutorTest {

    @Test
    void shouldRefuseATaskWhenTheQueueIsFull() throws Exception {
        // Given one running task and one waiting
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(2);
        try (AdmissionExecutor executor = new AdmissionExecutor("test-engine", 1)) {
            executor.submit(() -> {
                started.countDown();
                await(release);
                done.countDown();
            });
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
            executor.submit(done::countDown);

            // When / Then
            assertThatThrownBy(() -> executor.submit(() -> { })).isInstanceOf(QueueFullException.class);
            release.countDown();
            assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
