package io.civitas.worker.gpu;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A shell script standing in for nvidia-smi: it fails unless called with the worker's query arguments, prints fixed
 * output and exits with a fixed status. As a test resource it writes a two-GPU one into target/ and configures it.
 */
public class FakeNvidiaSmi implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        try {
            Path command = twoGpus(Path.of("target", "fake-nvidia-smi", "quarkus-test"));
            return Map.of("civitas.worker.gpu-discovery.command", command.toAbsolutePath().toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        // the script stays in target/ for inspection
    }

    /** Writes a script that lists two H100 GPUs. */
    public static Path twoGpus(Path path) throws IOException {
        return write(path, NvidiaSmiOutputTest.TWO_H100, 0);
    }

    /** Writes an executable script that prints {@code output} and exits with {@code exitStatus}. */
    static Path write(Path path, String output, int exitStatus) throws IOException {
        Files.createDirectories(path.getParent());
        Files.writeString(path, """
                #!/bin/sh
                if [ "$1" != "%s" ] || [ "$2" != "%s" ]; then
                  echo "unexpected arguments: $*" >&2
                  exit 2
                fi
                cat <<'OUTPUT'
                %sOUTPUT
                exit %d
                """.formatted(NvidiaSmiOutput.QUERY_ARGUMENTS.get(0), NvidiaSmiOutput.QUERY_ARGUMENTS.get(1), output,
                exitStatus));
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
        return path;
    }
}
