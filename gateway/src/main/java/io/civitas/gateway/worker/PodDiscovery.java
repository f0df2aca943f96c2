package io.civitas.gateway.worker;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import io.civitas.gateway.config.GatewayConfig;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.quarkus.runtime.StartupEvent;

/**
 * Adds worker pods to the {@link WorkerPool} while they are Ready and removes them when they become unready, are
 * being deleted or are gone, through a Fabric8 informer on pods matching the label selector. Placement (region,
 * models) still comes from each worker's own load reports, never from labels.
 */
@ApplicationScoped
public class PodDiscovery {

    private static final Logger LOGGER = Logger.getLogger(PodDiscovery.class);

    private final GatewayConfig.Discovery config;
    private final WorkerPool pool;
    private final Instance<KubernetesClient> clients;
    private final Map<String, String> addressByPod = new ConcurrentHashMap<>();
    private SharedIndexInformer<Pod> informer;

    public PodDiscovery(GatewayConfig config, WorkerPool pool, Instance<KubernetesClient> clients) {
        this.config = config.worker().discovery();
        this.pool = pool;
        this.clients = clients;
    }

    void start(@Observes StartupEvent started) {
        if (!config.enabled()) {
            return;
        }
        KubernetesClient client = clients.get();
        String namespace = config.namespace().orElse(client.getNamespace());
        LOGGER.infof("Watching worker pods: namespace=%s selector=%s", namespace, config.labelSelector());
        informer = client.pods().inNamespace(namespace).withLabelSelector(config.labelSelector())
                .inform(new ResourceEventHandler<>() {
                    @Override
                    public void onAdd(Pod pod) {
                        changed(pod);
                    }

                    @Override
                    public void onUpdate(Pod previous, Pod pod) {
                        changed(pod);
                    }

                    @Override
                    public void onDelete(Pod pod, boolean finalStateUnknown) {
                        gone(pod);
                    }
                }, TimeUnit.SECONDS.toMillis(config.resyncSeconds()));
    }

    private void changed(Pod pod) {
        Optional<String> address = WorkerPods.address(pod, config.grpcPortName(), config.grpcPort());
        if (address.isEmpty()) {
            gone(pod);
            return;
        }
        String previous = addressByPod.put(uid(pod), address.get());
        if (previous != null && !previous.equals(address.get())) {
            pool.remove(previous);
        }
        pool.add(address.get());
    }

    private void gone(Pod pod) {
        String address = addressByPod.remove(uid(pod));
        if (address != null) {
            pool.remove(address);
        }
    }

    private static String uid(Pod pod) {
        return Objects.requireNonNullElse(pod.getMetadata().getUid(), pod.getMetadata().getName());
    }

    @PreDestroy
    void stop() {
        if (informer != null) {
            informer.close();
        }
    }
}
