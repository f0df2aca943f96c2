package io.civitas.gateway.worker;

import java.util.Optional;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Pod;

/** Reads what discovery needs from a worker pod: whether it may take requests, and its gRPC address. */
final class WorkerPods {

    private WorkerPods() {
    }

    /** podIP:port of a Ready, running pod that is not being deleted; empty otherwise. */
    static Optional<String> address(Pod pod, String portName, int defaultPort) {
        if (pod.getMetadata().getDeletionTimestamp() != null || pod.getStatus() == null
                || pod.getStatus().getPodIP() == null || pod.getStatus().getPodIP().isBlank() || !ready(pod)) {
            return Optional.empty();
        }
        String ip = pod.getStatus().getPodIP();
        String host = ip.contains(":") ? "[" + ip + "]" : ip;
        return Optional.of(host + ":" + grpcPort(pod, portName, defaultPort));
    }

    private static boolean ready(Pod pod) {
        return pod.getStatus().getConditions() != null && pod.getStatus().getConditions().stream()
                .anyMatch(condition -> "Ready".equals(condition.getType()) && "True".equals(condition.getStatus()));
    }

    private static int grpcPort(Pod pod, String portName, int defaultPort) {
        return pod.getSpec() == null || pod.getSpec().getContainers() == null ? defaultPort
                : pod.getSpec().getContainers().stream()
                        .flatMap(container -> container.getPorts() == null ? Stream.empty()
                                : container.getPorts().stream())
                        .filter(port -> portName.equals(port.getName()))
                        .map(ContainerPort::getContainerPort)
                        .findFirst().orElse(defaultPort);
    }
}
