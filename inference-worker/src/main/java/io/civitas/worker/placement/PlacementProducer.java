package io.civitas.worker.placement;

import java.net.InetAddress;
import java.net.UnknownHostException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.civitas.worker.config.WorkerConfig;

/** Builds the worker's {@link Placement} from configuration, defaulting id and node to the host name. */
@ApplicationScoped
public class PlacementProducer {

    @Produces
    @Singleton
    Placement placement(WorkerConfig config) {
        String host = hostName();
        return new Placement(config.id().orElse(host), config.node().orElse(host), config.gpu(), config.region(),
                Placement.JLAMA_CPU);
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
