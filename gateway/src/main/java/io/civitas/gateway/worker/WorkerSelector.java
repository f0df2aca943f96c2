package io.civitas.gateway.worker;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.random.RandomGenerator;

import io.civitas.api.inference.v1.LoadReport;

/**
 * Power of two choices: two distinct candidates drawn at random; the one with the shorter reported queue wins, then,
 * when both report their free KV cache (a vLLM upstream does, through its worker), the one with more free tokens (a
 * sequence placed where the cache runs short is preempted and recomputed), then the one with fewer active sequences.
 * Spreads load without herding every request onto the one worker that reported least.
 */
public final class WorkerSelector {

    private static final Comparator<LoadReport> LESS_LOADED = Comparator.comparingInt(LoadReport::getQueueDepth)
            .thenComparing(WorkerSelector::moreFreeKv).thenComparingInt(LoadReport::getActiveSequences);

    private WorkerSelector() {
    }

    public static <T> Optional<T> choose(List<T> candidates, Function<T, LoadReport> load, RandomGenerator random) {
        if (candidates.size() <= 1) {
            return candidates.stream().findFirst();
        }
        int first = random.nextInt(candidates.size());
        int second = random.nextInt(candidates.size() - 1);
        if (second >= first) {
            second++;
        }
        T a = candidates.get(first);
        T b = candidates.get(second);
        return Optional.of(LESS_LOADED.compare(load.apply(a), load.apply(b)) <= 0 ? a : b);
    }

    /** Orders the report with more free KV-cache tokens first; no order unless both know theirs. */
    private static int moreFreeKv(LoadReport a, LoadReport b) {
        return a.hasFreeKvTokens() && b.hasFreeKvTokens()
                ? Long.compareUnsigned(b.getFreeKvTokens(), a.getFreeKvTokens()) : 0;
    }
}
