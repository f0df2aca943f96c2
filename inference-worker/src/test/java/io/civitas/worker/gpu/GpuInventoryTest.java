package io.civitas.worker.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class GpuInventoryTest {

    private static final List<GpuDevice> FOUR = NvidiaSmiOutput.parse("""
            0, GPU-0000aaaa-0000-0000-0000-000000000000, NVIDIA H100 80GB HBM3, 81559
            1, GPU-1111bbbb-0000-0000-0000-000000000000, NVIDIA H100 80GB HBM3, 81559
            2, GPU-2222cccc-0000-0000-0000-000000000000, NVIDIA H100 80GB HBM3, 81559
            3, GPU-3333dddd-0000-0000-0000-000000000000, NVIDIA H100 80GB HBM3, 81559
            """);

    @Test
    void shouldSeeAllDevicesWhenNeitherVariableIsSet() {
        // When
        List<GpuDevice> visible = GpuInventory.visible(FOUR, env(Map.of()));

        // Then
        assertThat(uuidPrefixes(visible)).containsExactly("GPU-0000", "GPU-1111", "GPU-2222", "GPU-3333");
    }

    @Test
    void shouldSeeAllDevicesForAll() {
        // When
        List<GpuDevice> visible = GpuInventory.visible(FOUR, env(Map.of("NVIDIA_VISIBLE_DEVICES", "all")));

        // Then
        assertThat(visible).hasSize(4);
    }

    @Test
    void shouldSeeNoDeviceForNoneVoidOrEmpty() {
        // When
        List<List<GpuDevice>> visible = List.of("none", "void", "", " ").stream()
                .map(value -> GpuInventory.visible(FOUR, env(Map.of("NVIDIA_VISIBLE_DEVICES", value)))).toList();

        // Then
        assertThat(visible).allSatisfy(devices -> assertThat(devices).isEmpty());
    }

    @Test
    void shouldSelectByUuidInTheVariablesOrderAndNumberFromZero() {
        // Given
        Map<String, String> vars = Map.of("NVIDIA_VISIBLE_DEVICES",
                "GPU-3333dddd-0000-0000-0000-000000000000,GPU-1111bbbb-0000-0000-0000-000000000000");

        // When
        List<GpuDevice> visible = GpuInventory.visible(FOUR, env(vars));

        // Then
        assertThat(uuidPrefixes(visible)).containsExactly("GPU-3333", "GPU-1111");
        assertThat(visible).extracting(GpuDevice::index).containsExactly(0, 1);
    }

    @Test
    void shouldSelectByNvidiaSmiIndexOnTheHost() {
        // When
        List<GpuDevice> visible = GpuInventory.visible(FOUR, env(Map.of("NVIDIA_VISIBLE_DEVICES", "2,3")));

        // Then
        assertThat(uuidPrefixes(visible)).containsExactly("GPU-2222", "GPU-3333");
        assertThat(visible).extracting(GpuDevice::index).containsExactly(0, 1);
    }

    @Test
    void shouldTakeWhatNvidiaSmiListsWhenTheContainerRuntimeAlreadyFilteredByIndex() {
        // Given a container given host GPUs 2 and 3: nvidia-smi lists them as 0 and 1
        List<GpuDevice> inContainer = FOUR.subList(0, 2);

        // When
        List<GpuDevice> visible = GpuInventory.visible(inContainer, env(Map.of("NVIDIA_VISIBLE_DEVICES", "2,3")));

        // Then
        assertThat(visible).hasSize(2);
    }

    @Test
    void shouldApplyCudaIndicesToTheDevicesNvidiaLeavesVisible() {
        // Given
        Map<String, String> vars = Map.of("NVIDIA_VISIBLE_DEVICES", "1,2,3", "CUDA_VISIBLE_DEVICES", "2,0");

        // When
        List<GpuDevice> visible = GpuInventory.visible(FOUR, env(vars));

        // Then
        assertThat(uuidPrefixes(visible)).containsExactly("GPU-3333", "GPU-1111");
    }

    @Test
    void shouldSelectByCudaUuidPrefix() {
        // When
        List<GpuDevice> visible = GpuInventory.visible(FOUR, env(Map.of("CUDA_VISIBLE_DEVICES", "GPU-2222")));

        // Then
        assertThat(uuidPrefixes(visible)).containsExactly("GPU-2222");
    }

    @Test
    void shouldHideTheDevicesAfterAnInvalidCudaEntry() {
        // When
        List<GpuDevice> visible = GpuInventory.visible(FOUR, env(Map.of("CUDA_VISIBLE_DEVICES", "1,-1,2")));

        // Then
        assertThat(uuidPrefixes(visible)).containsExactly("GPU-1111");
    }

    @Test
    void shouldSeeNoDeviceWhenNvidiaSmiListsNone() {
        // When
        List<GpuDevice> visible = GpuInventory.visible(List.of(), env(Map.of("CUDA_VISIBLE_DEVICES", "0")));

        // Then
        assertThat(visible).isEmpty();
    }

    private static java.util.function.UnaryOperator<String> env(Map<String, String> vars) {
        return new HashMap<>(vars)::get;
    }

    private static List<String> uuidPrefixes(List<GpuDevice> devices) {
        return devices.stream().map(d -> d.uuid().substring(0, 8)).toList();
    }
}
