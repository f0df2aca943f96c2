package io.civitas.audit.verifier.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.civitas.audit.verifier.Bundles;
import io.civitas.audit.verifier.MemoryLog;
import io.civitas.audit.verifier.Tamperer;

class TamperTest {

    private static final int TRIALS = 1_000;

    @Test
    void shouldRejectEveryTamperedBundleAndAcceptEveryUntouchedOne() {
        // Given
        MemoryLog log = BundleVerifierTest.logOf(300, 110);
        List<byte[]> bundles = new ArrayList<>();
        bundles.add(log.export(1, 300, null, log.checkpoints()));
        bundles.add(log.export(50, 120, null, log.checkpoints()));
        bundles.add(log.export(1, 300, "tenant-a", log.checkpoints()));
        bundles.add(log.export(100, 250, "tenant-c", log.checkpoints().subList(1, log.checkpoints().size())));
        Random random = new Random(20261123);
        Tamperer tamperer = new Tamperer(random.nextLong());
        Tamperer.Kind[] kinds = Tamperer.Kind.values();
        Map<Tamperer.Kind, Integer> rejected = new EnumMap<>(Tamperer.Kind.class);
        List<String> accepted = new ArrayList<>();

        // When
        for (int trial = 0; trial < TRIALS; trial++) {
            byte[] original = bundles.get(random.nextInt(bundles.size()));
            Tamperer.Tampered tampered = tamperer.tamper(original, kinds[trial % kinds.length]);
            Report report = Bundles.verify(tampered.bundle(), log.keys().getPublic());
            if (report.holds()) {
                accepted.add(tampered.description());
            } else {
                rejected.merge(tampered.kind(), 1, Integer::sum);
            }
        }

        // Then
        assertThat(accepted).isEmpty();
        assertThat(rejected.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(TRIALS);
        assertThat(rejected).containsOnlyKeys(kinds);
        assertThat(bundles).allSatisfy(b -> assertThat(Bundles.verify(b, log.keys().getPublic()).failures()).isEmpty());
    }
}
