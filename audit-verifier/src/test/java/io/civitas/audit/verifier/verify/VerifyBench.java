package io.civitas.audit.verifier.verify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.civitas.audit.verifier.Bundles;
import io.civitas.audit.verifier.MemoryLog;

/** Offline verification speed; runs only with -Pbench and prints its figure. */
class VerifyBench {

    private static final int ENTRIES = 200_000;

    @Test
    void printVerificationSpeed() {
        MemoryLog log = new MemoryLog(1);
        for (int i = 1; i <= ENTRIES; i++) {
            log.append("tenant-" + i % 5);
            if (i % 50_000 == 0) {
                log.checkpoint();
            }
        }
        byte[] bundle = log.export(1, ENTRIES, null, log.checkpoints());
        double seconds = Double.MAX_VALUE;
        for (int run = 0; run < 4; run++) {
            long start = System.nanoTime();
            Report report = Bundles.verify(bundle, log.keys().getPublic());
            seconds = Math.min(seconds, (System.nanoTime() - start) / 1e9);
            assertThat(report.failures()).isEmpty();
        }

        System.out.printf("BENCH offline verification: %d entries (%d MB) in %.2f s (best of 4) = %.0f entries/s%n", ENTRIES,
                bundle.length >> 20, seconds, ENTRIES / seconds);
    }
}
