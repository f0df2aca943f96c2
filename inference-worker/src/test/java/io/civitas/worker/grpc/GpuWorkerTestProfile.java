package io.civitas.worker.grpc;

import java.util.List;

import io.civitas.worker.gpu.FakeNvidiaSmi;

/** {@link WorkerTestProfile} on a machine whose (fake) nvidia-smi lists two GPUs. */
public class GpuWorkerTestProfile extends WorkerTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(FakeNvidiaSmi.class));
    }
}
