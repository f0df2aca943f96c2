package io.civitas.worker.placement;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.civitas.worker.catalog.ModelCatalog;
import io.civitas.worker.config.WorkerConfig;
import io.civitas.worker.gpu.GpuDevice;
import io.civitas.worker.gpu.GpuInventory;

/**
 * Builds the worker's {@link Placement} from configuration (id and node default to the host name) and the GPU
 * inventory: with GPUs, the GPU label is their UUIDs joined by ",". Its engine is the first served model's; each
 * model's own placement names its engine ({@link Placement#withEngine}).
 */
@ApplicationScoped
public class PlacementProducer {

    @Produces
    @Singleton
    Placement placement(WorkerConfig config, GpuInventory inventory, ModelCatalog catalog) {
        String host = hostName();
        List<GpuDevice> gpus = inventory.devices();
        String gpu = gpus.isEmpty() ? config.gpu()
                : gpus.stream().map(GpuDevice::uuid).collect(Collectors.joining(","));
        return new Placement(config.id().orElse(host), config.node().orElse(host), gpu, config.region(),
                catalog.models().getFirst().engine().placementEngine(), gpus);
    }

    private static String hostName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
