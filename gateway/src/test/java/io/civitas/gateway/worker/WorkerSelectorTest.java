package io.civitas.gateway.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.civitas.api.inference.v1.LoadReport;

class WorkerSelectorTest {

    private static final Map<String, LoadReport> LOADS = Map.of(
            "idle", LoadReport.newBuilder().setQueueDepth(0).setActiveSequences(0).build(),
            "active", LoadReport.newBuilder().setQueueDepth(0).setActiveSequences(2).build(),
            "queued", LoadReport.newBuilder().setQueueDepth(5).setActiveSequences(0).build());

    @Test
    void shouldPreferTheShorterQueueThenFewerActiveSequencesBetweenTwo() {
        // Given
        Random random = new Random(7);

        // When
        Map<String, Integer> wins = wins(List.of("idle", "active", "queued"), LOADS, random);

        // Then: the most loaded wins no draw, the least loaded wins every draw it is in (2 of 3 pairs)
        assertThat(wins.get("queued")).isNull();
        assertThat(wins.get("idle")).isBetween(150, 250);
        assertThat(wins.get("idle") + wins.get("active")).isEqualTo(300);
    }

    @Test
    void shouldPreferMoreFreeKvCacheBetweenEqualQueuesWhenBothReportIt() {
        // Given: equal queues; the busier worker has more of its KV cache free
        Map<String, LoadReport> loads = Map.of(
                "short-of-cache", LoadReport.newBuilder().setActiveSequences(1).setFreeKvTokens(512).build(),
                "roomy", LoadReport.newBuilder().setActiveSequences(9).setFreeKvTokens(90_000).build(),
                "queued", LoadReport.newBuilder().setQueueDepth(1).setFreeKvTokens(500_000).build());

        // When
        Map<String, Integer> wins = wins(List.of("short-of-cache", "roomy", "queued"), loads, new Random(11));

        // Then: the queue still comes first; between equal queues the free cache decides, not the sequence count
        assertThat(wins.get("queued")).isNull();
        assertThat(wins.get("roomy")).isBetween(150, 250);
        assertThat(wins.get("roomy") + wins.get("short-of-cache")).isEqualTo(300);
    }

    @Test
    void shouldFallBackToActiveSequencesUnlessBothReportTheirFreeKvCache() {
        // Given: only the busier worker's engine knows its cache
        Map<String, LoadReport> loads = Map.of(
                "unknown-cache", LoadReport.newBuilder().setActiveSequences(1).build(),
                "known-cache", LoadReport.newBuilder().setActiveSequences(4).setFreeKvTokens(90_000).build());

        // When
        var chosen = WorkerSelector.choose(List.of("unknown-cache", "known-cache"), loads::get, new Random(3));

        // Then
        assertThat(chosen).contains("unknown-cache");
    }

    @Test
    void shouldTakeTheOnlyCandidateAndNothingFromNone() {
        // Given
        Random random = new Random(1);

        // When
        var only = WorkerSelector.choose(List.of("queued"), LOADS::get, random);
        var none = WorkerSelector.<String>choose(List.of(), LOADS::get, random);

        // Then
        assertThat(only).contains("queued");
        assertThat(none).isEmpty();
    }

    /** How often each candidate is chosen in 300 draws. */
    private static Map<String, Integer> wins(List<String> candidates, Map<String, LoadReport> loads, Random random) {
        Map<String, Integer> wins = new HashMap<>();
        for (int i = 0; i < 300; i++) {
            wins.merge(WorkerSelector.choose(candidates, loads::get, random).orElseThrow(), 1, Integer::sum);
        }
        return wins;
    }
}
