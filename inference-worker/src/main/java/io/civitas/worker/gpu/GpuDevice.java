package io.civitas.worker.gpu;

/**
 * A GPU this worker may use.
 *
 * @param index index as the worker sees it (nvidia-smi's index before filtering, the position after)
 * @param uuid e.g. "GPU-5f2b3c1e-..."
 * @param name product name, e.g. "NVIDIA H100 80GB HBM3"
 * @param memoryTotalBytes total memory; 0 when nvidia-smi does not know it
 */
public record GpuDevice(int index, String uuid, String name, long memoryTotalBytes) {

    public GpuDevice {
        if (index < 0 || uuid == null || uuid.isBlank() || name == null || memoryTotalBytes < 0) {
            throw new IllegalArgumentException("a GPU needs an index >= 0, a UUID, a name and memory >= 0");
        }
    }

    /** The same device at another index. */
    GpuDevice withIndex(int newIndex) {
        return new GpuDevice(newIndex, uuid, name, memoryTotalBytes);
    }
}
