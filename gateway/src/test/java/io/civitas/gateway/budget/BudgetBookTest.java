package io.civitas.gateway.budget;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.civitas.api.events.v1.BudgetStateChanged;
import io.civitas.gateway.error.BudgetExhaustedException;
import io.civitas.gateway.support.MovableClock;

class BudgetBookTest {

    private final BudgetBook book = new BudgetBook(new MovableClock(Instant.parse("2026-11-15T12:00:00Z")));

    @Test
    void shouldRefuseATenantWhoseBudgetForThisMonthIsExhausted() {
        // Given
        book.apply(state("t", "2026-11", BudgetStateChanged.State.EXHAUSTED, 3));

        // When / Then
        assertThatThrownBy(() -> book.check("t")).isInstanceOf(BudgetExhaustedException.class)
                .hasMessageContaining("2026-11");
        assertThatCode(() -> book.check("other")).doesNotThrowAnyException();
    }

    @Test
    void shouldIgnoreAStateOlderThanTheOneHeld() {
        // Given
        book.apply(state("t", "2026-11", BudgetStateChanged.State.EXHAUSTED, 3));

        // When
        book.apply(state("t", "2026-11", BudgetStateChanged.State.OK, 2));

        // Then
        assertThatThrownBy(() -> book.check("t")).isInstanceOf(BudgetExhaustedException.class);
    }

    @Test
    void shouldNotRefuseForAnExhaustedBudgetOfAnotherMonth() {
        // When
        book.apply(state("t", "2026-10", BudgetStateChanged.State.EXHAUSTED, 3));

        // Then
        assertThatCode(() -> book.check("t")).doesNotThrowAnyException();
    }

    private static BudgetStateChanged state(String tenant, String month, BudgetStateChanged.State state,
            long sequence) {
        return BudgetStateChanged.newBuilder().setTenantId(tenant).setMonth(month).setState(state)
                .setSequence(sequence).build();
    }
}
