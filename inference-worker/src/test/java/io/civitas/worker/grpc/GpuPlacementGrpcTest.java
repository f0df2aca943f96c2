package io.civitas.worker.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.civitas.api.inference.v1.GpuDevice;
import io.civitas.api.inference.v1.InferenceServiceGrpc;
import io.civitas.api.inference.v1.ListModelsRequest;
import io.civitas.api.inference.v1.Placement;
import io.grpc.Channel;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The placement of a worker whose nvidia-smi (a fake configured by the profile) lists two GPUs. */
@QuarkusTest
@TestProfile(GpuWorkerTestProfile.class)
class GpuPlacementGrpcTest {

    private static final long H100_MEMORY = 81559L * 1024 * 1024;

    @GrpcClient("inference")
    Channel channel;

    @Test
    void shouldReportTheDiscoveredGpusInThePlacement() {
        // When
        Placement placement = InferenceServiceGrpc.newBlockingStub(channel)
                .listModels(ListModelsRequest.getDefaultInstance()).getPlacement();

        // Then
        assertThat(placement.getGpusList()).containsExactly(
                GpuDevice.newBuilder().setIndex(0).setUuid("GPU-5f2b3c1e-8a7d-4c7e-9b1a-0d3e4f5a6b7c")
                        .setName("NVIDIA H100 80GB HBM3").setMemoryTotalBytes(H100_MEMORY).build(),
                GpuDevice.newBuilder().setIndex(1).setUuid("GPU-8f0c2d4e-1b3a-4e5f-8c9d-7a6b5c4d3e2f")
                        .setName("NVIDIA H100 80GB HBM3").setMemoryTotalBytes(H100_MEMORY).build());
        assertThat(placement.getGpu())
                .isEqualTo("GPU-5f2b3c1e-8a7d-4c7e-9b1a-0d3e4f5a6b7c,GPU-8f0c2d4e-1b3a-4e5f-8c9d-7a6b5c4d3e2f");
        assertThat(placement.getEngine()).isEqualTo("jlama-cpu");
    }
}
