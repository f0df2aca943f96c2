package io.civitas.testsupport.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Scratch directories for servers that must start from nothing. */
final class Dirs {

    private Dirs() {
    }

    /** Deletes {@code dir} with everything in it, then creates it empty. */
    static Path recreate(Path dir) {
        try {
            if (Files.exists(dir)) {
                try (Stream<Path> files = Files.walk(dir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
                }
            }
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not recreate " + dir, e);
        }
    }
}
