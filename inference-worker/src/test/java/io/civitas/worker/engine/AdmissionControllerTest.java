package io.civitas.worker.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AdmissionControllerTest {

    private static final Duration LONG = Duration.ofSeconds(30);

    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicReference<AdmissionRejectedException> expired = new AtomicReference<>();
    private final AtomicBoolean queuedRan = new AtomicBoolean();
    private AdmissionController admission;

    @AfterEach
    void close() {
        release.countDown();
        admission.close();
    }

    @Test
    void shouldRefuseATaskAtOnceWhenTheQueueIsFull() {
        // Given one running task and one waiting
        admission = new AdmissionController("test", 1, 1, LONG);
        occupySlot();
        admission.admit(() -> queuedRan.set(true), expired::set, Optional.empty());

        // When / Then
        assertThatThrownBy(() -> admission.admit(() -> { }, expired::set, Optional.empty()))
                .isInstanceOf(QueueFullException.class);
        assertThat(admission.queueDepth()).isEqualTo(1);
    }

    @Test
    void shouldExpireAQueuedTaskAfterTheQueueTimeoutWithoutStartingIt() {
        // Given
        admission = new AdmissionController("test", 1, 4, Duration.ofMillis(200));
        occupySlot();

        // When
        admission.admit(() -> queuedRan.set(true), expired::set, Optional.empty());

        // Then
        await().atMost(LONG).untilAsserted(() -> assertThat(expired.get()).isInstanceOf(QueueTimeoutException.class));
        assertThat(admission.queueDepth()).isZero();
        release.countDown();
        await().atMost(LONG).until(() -> admission.running() == 0);
        assertThat(queuedRan).isFalse();
    }

    @Test
    void shouldExpireAQueuedTaskAtItsCallersDeadline() {
        // Given a queue timeout far beyond the caller's deadline
        admission = new AdmissionController("test", 1, 4, LONG);
        occupySlot();

        // When
        admission.admit(() -> queuedRan.set(true), expired::set, Optional.of(Duration.ofMillis(200)));

        // Then
        await().atMost(LONG).untilAsserted(
                () -> assertThat(expired.get()).isInstanceOf(DeadlineExceededException.class));
        assertThat(admission.queueDepth()).isZero();
        assertThat(queuedRan).isFalse();
    }

    @Test
    void shouldRefuseAtOnceWhenTheCallersDeadlineHasPassed() {
        // Given
        admission = new AdmissionController("test", 1, 4, LONG);

        // When / Then
        assertThatThrownBy(() -> admission.admit(() -> { }, expired::set, Optional.of(Duration.ofMillis(-5))))
                .isInstanceOf(DeadlineExceededException.class);
    }

    @Test
    void shouldRunAsManyTasksAtOnceAsThereAreSequenceSlots() {
        // Given
        admission = new AdmissionController("test", 2, 4, LONG);

        // When
        occupySlot();
        occupySlot();

        // Then
        assertThat(admission.running()).isEqualTo(2);
        assertThat(admission.queueDepth()).isZero();
    }

    @Test
    void shouldRemoveAWithdrawnTaskFromTheQueue() {
        // Given
        admission = new AdmissionController("test", 1, 4, LONG);
        occupySlot();
        AdmissionController.Ticket ticket = admission.admit(() -> queuedRan.set(true), expired::set,
                Optional.empty());

        // When
        ticket.withdraw();

        // Then
        assertThat(admission.queueDepth()).isZero();
        release.countDown();
        await().atMost(LONG).until(() -> admission.running() == 0);
        assertThat(queuedRan).isFalse();
        assertThat(expired.get()).isNull();
    }

    @Test
    void shouldExpireQueuedTasksAndRefuseNewOnesWhileDraining() throws InterruptedException {
        // Given
        admission = new AdmissionController("test", 1, 4, LONG);
        occupySlot();
        admission.admit(() -> queuedRan.set(true), expired::set, Optional.empty());

        // When
        admission.drain();

        // Then
        assertThat(expired.get()).isInstanceOf(WorkerDrainingException.class);
        assertThatThrownBy(() -> admission.admit(() -> { }, expired::set, Optional.empty()))
                .isInstanceOf(WorkerDrainingException.class);
        assertThat(admission.awaitIdle(Duration.ofMillis(50))).isFalse();
        release.countDown();
        assertThat(admission.awaitIdle(LONG)).isTrue();
        assertThat(queuedRan).isFalse();
    }

    private void occupySlot() {
        CountDownLatch started = new CountDownLatch(1);
        admission.admit(() -> {
            started.countDown();
            awaitQuietly(release);
        }, expired::set, Optional.empty());
        awaitQuietly(started);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
