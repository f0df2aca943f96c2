package io.civitas.worker.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class NvidiaSmiOutputTest {

    /** Captured from a two-GPU node with the query the worker runs. */
    static final String TWO_H100 = """
            0, GPU-5f2b3c1e-8a7d-4c7e-9b1a-0d3e4f5a6b7c, NVIDIA H100 80GB HBM3, 81559
            1, GPU-8f0c2d4e-1b3a-4e5f-8c9d-7a6b5c4d3e2f, NVIDIA H100 80GB HBM3, 81559
            """;

    @Test
    void shouldReadEachDeviceWithItsMemoryInBytes() {
        // When
        List<GpuDevice> devices = NvidiaSmiOutput.parse(TWO_H100);

        // Then
        assertThat(devices).containsExactly(
                new GpuDevice(0, "GPU-5f2b3c1e-8a7d-4c7e-9b1a-0d3e4f5a6b7c", "NVIDIA H100 80GB HBM3",
                        81559L * 1024 * 1024),
                new GpuDevice(1, "GPU-8f0c2d4e-1b3a-4e5f-8c9d-7a6b5c4d3e2f", "NVIDIA H100 80GB HBM3",
                        81559L * 1024 * 1024));
    }

    @Test
    void shouldKeepCommasInTheNameAndReadUnknownMemoryAsZero() {
        // Given
        String output = "3, GPU-aaaa, NVIDIA A100-SXM4-40GB, MIG 1g.5gb, [N/A]\n";

        // When
        List<GpuDevice> devices = NvidiaSmiOutput.parse(output);

        // Then
        assertThat(devices).containsExactly(new GpuDevice(3, "GPU-aaaa", "NVIDIA A100-SXM4-40GB, MIG 1g.5gb", 0));
    }

    @Test
    void shouldSkipLinesThatDoNotParse() {
        // Given
        String output = """
                NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver.
                x, GPU-bbbb, Tesla T4, 15360

                2, GPU-cccc, Tesla T4, 15360
                """;

        // When
        List<GpuDevice> devices = NvidiaSmiOutput.parse(output);

        // Then
        assertThat(devices).containsExactly(new GpuDevice(2, "GPU-cccc", "Tesla T4", 15360L * 1024 * 1024));
    }
}
