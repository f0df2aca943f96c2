package io.civitas.worker.gpu;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.civitas.worker.config.WorkerConfig;

/**
 * The GPUs this worker owns, found once at startup: nvidia-smi's list (none when it cannot be run) filtered by
 * NVIDIA_VISIBLE_DEVICES, then by CUDA_VISIBLE_DEVICES, and numbered from 0 in that order.
 */
@Singleton
public class GpuInventory {

    static final String NVIDIA_VISIBLE_DEVICES = "NVIDIA_VISIBLE_DEVICES";
    static final String CUDA_VISIBLE_DEVICES = "CUDA_VISIBLE_DEVICES";

    private static final Logger LOGGER = Logger.getLogger(GpuInventory.class);

    private final List<GpuDevice> devices;
    private final String description;

    GpuInventory(WorkerConfig config) {
        WorkerConfig.GpuDiscovery discovery = config.gpuDiscovery();
        NvidiaSmi smi = new NvidiaSmi(discovery.command(), Duration.ofSeconds(discovery.timeoutSeconds()));
        List<GpuDevice> listed = smi.devices();
        this.devices = visible(listed, System::getenv);
        this.description = describe(discovery.command(), listed.size(), System::getenv);
        LOGGER.infof("GPUs: count=%d uuids=%s", devices.size(), devices.stream().map(GpuDevice::uuid).toList());
    }

    /** The visible devices, numbered as the worker sees them. */
    public List<GpuDevice> devices() {
        return devices;
    }

    /** How the devices were found, for error messages: the command's count and the visibility variables. */
    public String describe() {
        return description;
    }

    static String describe(String command, int listed, UnaryOperator<String> env) {
        return "%s listed %d device(s), %s=%s, %s=%s".formatted(command, listed, NVIDIA_VISIBLE_DEVICES,
                Optional.ofNullable(env.apply(NVIDIA_VISIBLE_DEVICES)).orElse("(unset)"), CUDA_VISIBLE_DEVICES,
                Optional.ofNullable(env.apply(CUDA_VISIBLE_DEVICES)).orElse("(unset)"));
    }

    /**
     * Filters nvidia-smi's list. NVIDIA_VISIBLE_DEVICES indices are nvidia-smi's; inside a container the runtime has
     * already hidden the other devices and renumbered the rest from 0, so when nvidia-smi lists exactly as many
     * devices as the variable names by index, all are taken. CUDA_VISIBLE_DEVICES indices count the devices that
     * remain.
     */
    static List<GpuDevice> visible(List<GpuDevice> listed, UnaryOperator<String> env) {
        VisibleDevices nvidia = VisibleDevices.parse(Optional.ofNullable(env.apply(NVIDIA_VISIBLE_DEVICES)));
        VisibleDevices cuda = VisibleDevices.parse(Optional.ofNullable(env.apply(CUDA_VISIBLE_DEVICES)));
        boolean filteredByRuntime = nvidia.indicesOnly() && listed.size() == nvidia.selectors().size();
        List<GpuDevice> container = numbered(filteredByRuntime ? listed : nvidia.select(listed));
        return numbered(cuda.select(container));
    }

    private static List<GpuDevice> numbered(List<GpuDevice> devices) {
        return IntStream.range(0, devices.size()).mapToObj(i -> devices.get(i).withIndex(i)).toList();
    }
}
