package io.civitas.worker.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.jboss.logging.Logger;

/** Prints a benchmark's figures and keeps them in target/bench/NAME.txt; percentiles of samples. */
final class BenchReport {

    private static final Logger LOGGER = Logger.getLogger(BenchReport.class);

    private BenchReport() {
    }

    static void publish(String name, String text) {
        LOGGER.infof("%n%s", text);
        try {
            Path file = Path.of("target", "bench", name + ".txt");
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code p}-th percentile (nearest rank) of {@code samples}. */
    static double percentile(double[] samples, double p) {
        double[] sorted = samples.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
