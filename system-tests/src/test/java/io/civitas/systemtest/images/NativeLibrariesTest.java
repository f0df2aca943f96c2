package io.civitas.systemtest.images;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ELF check on a root file system made of this JDK's launcher and the host's glibc (Debian 12). */
class NativeLibrariesTest {

    private static final Path JDK = Path.of(System.getProperty("java.home"));
    private static final Path HOST_LIBS = Path.of("/lib/x86_64-linux-gnu");

    @TempDir
    Path rootfs;

    @Test
    void shouldReportWhatTheLauncherLoadsButTheImageLacks() throws IOException {
        // Given
        copy(JDK.resolve("bin/java"), "opt/java/bin/java");
        copy(JDK.resolve("lib/libjli.so"), "opt/java/lib/libjli.so");

        // When
        NativeLibraries.Result result = NativeLibraries.check(rootfs, "/opt/java", "/deployments");

        // Then
        assertThat(result.elfFiles()).isEqualTo(2);
        assertThat(result.missing()).contains("/opt/java/bin/java: libc.so.6",
                "/opt/java/bin/java: interpreter /lib64/ld-linux-x86-64.so.2")
                .noneMatch(missing -> missing.endsWith("libjli.so"));
    }

    @Test
    void shouldFindGlibcInTheLoadersDefaultDirectoriesThroughLinksInsideTheImage() throws IOException {
        // Given
        copy(JDK.resolve("bin/java"), "opt/java/bin/java");
        copy(JDK.resolve("lib/libjli.so"), "opt/java/lib/libjli.so");
        for (String library : List.of("libc.so.6", "libdl.so.2", "libpthread.so.0", "ld-linux-x86-64.so.2")) {
            copy(HOST_LIBS.resolve(library), "lib/x86_64-linux-gnu/" + library);
        }
        Files.createDirectories(rootfs.resolve("lib64"));
        Files.createSymbolicLink(rootfs.resolve("lib64/ld-linux-x86-64.so.2"),
                Path.of("/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2"));

        // When
        NativeLibraries.Result result = NativeLibraries.check(rootfs, "/opt/java", "/deployments");

        // Then
        assertThat(result.missing()).isEmpty();
        assertThat(result.needed()).contains("libc.so.6").doesNotContain("libjli.so");
    }

    /** The image's absolute link points outside the temporary directory when seen from the host: remove it first. */
    @AfterEach
    void removeLinks() throws IOException {
        Files.deleteIfExists(rootfs.resolve("lib64/ld-linux-x86-64.so.2"));
    }

    private void copy(Path from, String to) throws IOException {
        Path target = rootfs.resolve(to);
        Files.createDirectories(target.getParent());
        Files.copy(from, target);
    }
}
