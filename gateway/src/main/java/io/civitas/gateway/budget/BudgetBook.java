package io.civitas.gateway.budget;

import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.civitas.api.events.v1.BudgetStateChanged;
import io.civitas.gateway.error.BudgetExhaustedException;

/**
 * The latest budget state billing-service published for each tenant (a state with an older sequence than the one held
 * is ignored). An EXHAUSTED state refuses requests during its month; a state for another month than the current one
 * (UTC) does not refuse anything.
 */
public final class BudgetBook {

    private final ConcurrentHashMap<String, BudgetStateChanged> states = new ConcurrentHashMap<>();
    private final Clock clock;

    public BudgetBook(Clock clock) {
        this.clock = clock;
    }

    /** Takes a published state unless an equal or newer sequence of the tenant is held already. */
    public void apply(BudgetStateChanged state) {
        states.merge(state.getTenantId(), state,
                (held, offered) -> offered.getSequence() > held.getSequence() ? offered : held);
    }

    /** Fails with {@link BudgetExhaustedException} when the tenant's budget for this month is exhausted. */
    public void check(String tenantId) {
        current(tenantId).filter(state -> state.getState() == BudgetStateChanged.State.EXHAUSTED)
                .ifPresent(state -> {
                    throw new BudgetExhaustedException(state.getMonth());
                });
    }

    /** The threshold crossed (e.g. 80) when the tenant's budget for this month is in the WARNING state. */
    public Optional<Integer> warningPercent(String tenantId) {
        return current(tenantId).filter(state -> state.getState() == BudgetStateChanged.State.WARNING)
                .map(BudgetStateChanged::getThresholdPercent);
    }

    private Optional<BudgetStateChanged> current(String tenantId) {
        BudgetStateChanged state = states.get(tenantId);
        if (state == null) {
            return Optional.empty();
        }
        String month = YearMonth.now(clock.withZone(ZoneOffset.UTC)).toString();
        return state.getMonth().isEmpty() || state.getMonth().equals(month) ? Optional.of(state) : Optional.empty();
    }
}
