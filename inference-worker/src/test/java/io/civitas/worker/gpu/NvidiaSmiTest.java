package io.civitas.worker.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Runs fake nvidia-smi scripts (no GPU exists here); they check the query arguments like the real one would. */
class NvidiaSmiTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Test
    void shouldListTheDevicesTheCommandPrints() throws IOException {
        // Given
        Path command = FakeNvidiaSmi.write(Path.of("target", "fake-nvidia-smi", "two-gpus"),
                NvidiaSmiOutputTest.TWO_H100, 0);

        // When
        List<GpuDevice> devices = new NvidiaSmi(command.toString(), TIMEOUT).devices();

        // Then
        assertThat(devices).extracting(GpuDevice::uuid).containsExactly("GPU-5f2b3c1e-8a7d-4c7e-9b1a-0d3e4f5a6b7c",
                "GPU-8f0c2d4e-1b3a-4e5f-8c9d-7a6b5c4d3e2f");
    }

    @Test
    void shouldFindNoDeviceWhenTheCommandDoesNotExist() {
        // When
        List<GpuDevice> devices = new NvidiaSmi("target/no-such-nvidia-smi", TIMEOUT).devices();

        // Then
        assertThat(devices).isEmpty();
    }

    @Test
    void shouldFindNoDeviceWhenTheCommandFails() throws IOException {
        // Given a command that prints devices but exits with nvidia-smi's "no driver" status
        Path command = FakeNvidiaSmi.write(Path.of("target", "fake-nvidia-smi", "no-driver"),
                NvidiaSmiOutputTest.TWO_H100, 9);

        // When
        List<GpuDevice> devices = new NvidiaSmi(command.toString(), TIMEOUT).devices();

        // Then
        assertThat(devices).isEmpty();
    }
}
