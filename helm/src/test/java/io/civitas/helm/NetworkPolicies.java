package io.civitas.helm;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates the rendered NetworkPolicies of one namespace the way a CNI does, for pods of that namespace:
 * a pod selected by a policy of a type is isolated for that direction and accepts only what some rule of those
 * policies allows; a flow needs the sender's egress and the receiver's ingress. Peers with a namespaceSelector or an
 * ipBlock are outside the namespace and never match a pod here; {@link #egressPeers} lists them.
 * Only matchLabels selectors are supported (the chart uses nothing else; anything else fails the evaluation).
 */
final class NetworkPolicies {

    /** A pod: its labels and its named container ports. */
    record Pod(String name, Map<String, String> labels, Map<String, Integer> namedPorts) {

        static Pod of(Rendered.Workload workload) {
            Map<String, String> labels = new HashMap<>();
            workload.podMetadata().path("labels").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
            Map<String, Integer> ports = new HashMap<>();
            for (JsonNode container : workload.allContainers()) {
                for (JsonNode port : container.path("ports")) {
                    ports.put(port.path("name").asText(), port.path("containerPort").asInt());
                }
            }
            return new Pod(workload.kind() + "/" + workload.name(), labels, ports);
        }
    }

    private final List<JsonNode> policies;

    NetworkPolicies(Rendered rendered) {
        this.policies = rendered.ofKind("NetworkPolicy").map(JsonNode.class::cast).toList();
    }

    boolean allows(Pod from, Pod to, int port) {
        return egressAllows(from, to, port) && ingressAllows(from, to, port);
    }

    boolean isolated(Pod pod, String type) {
        return !selecting(pod, type).isEmpty();
    }

    private boolean egressAllows(Pod from, Pod to, int port) {
        List<JsonNode> selecting = selecting(from, "Egress");
        if (selecting.isEmpty()) {
            return true;
        }
        for (JsonNode policy : selecting) {
            for (JsonNode rule : policy.path("spec").path("egress")) {
                if (peersMatch(rule.path("to"), to) && portsMatch(rule.path("ports"), to, port)) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean ingressAllows(Pod from, Pod to, int port) {
        List<JsonNode> selecting = selecting(to, "Ingress");
        if (selecting.isEmpty()) {
            return true;
        }
        for (JsonNode policy : selecting) {
            for (JsonNode rule : policy.path("spec").path("ingress")) {
                if (peersMatch(rule.path("from"), from) && portsMatch(rule.path("ports"), to, port)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The out-of-namespace peers (namespaceSelector or ipBlock) the pod may send to on the port. */
    List<JsonNode> egressPeers(Pod from, int port) {
        List<JsonNode> peers = new ArrayList<>();
        for (JsonNode policy : selecting(from, "Egress")) {
            for (JsonNode rule : policy.path("spec").path("egress")) {
                if (portsMatch(rule.path("ports"), null, port)) {
                    for (JsonNode peer : rule.path("to")) {
                        if (peer.has("namespaceSelector") || peer.has("ipBlock")) {
                            peers.add(peer);
                        }
                    }
                }
            }
        }
        return peers;
    }

    private List<JsonNode> selecting(Pod pod, String type) {
        List<JsonNode> selecting = new ArrayList<>();
        for (JsonNode policy : policies) {
            JsonNode spec = policy.path("spec");
            boolean ofType = false;
            for (JsonNode t : spec.path("policyTypes")) {
                ofType |= t.asText().equals(type);
            }
            if (ofType && selects(spec.path("podSelector"), pod)) {
                selecting.add(policy);
            }
        }
        return selecting;
    }

    private static boolean peersMatch(JsonNode peers, Pod pod) {
        if (peers.isMissingNode() || peers.isNull() || peers.isEmpty()) {
            return true;
        }
        for (JsonNode peer : peers) {
            if (!peer.has("namespaceSelector") && !peer.has("ipBlock") && selects(peer.path("podSelector"), pod)) {
                return true;
            }
        }
        return false;
    }

    private static boolean portsMatch(JsonNode ports, Pod to, int port) {
        if (ports.isMissingNode() || ports.isNull() || ports.isEmpty()) {
            return true;
        }
        for (JsonNode p : ports) {
            JsonNode value = p.path("port");
            if (value.isInt() && value.asInt() == port) {
                return true;
            }
            if (value.isTextual() && to != null && Integer.valueOf(port).equals(to.namedPorts().get(value.asText()))) {
                return true;
            }
        }
        return false;
    }

    private static boolean selects(JsonNode selector, Pod pod) {
        if (selector.has("matchExpressions")) {
            throw new UnsupportedOperationException("matchExpressions are not evaluated: " + selector);
        }
        for (var label : selector.path("matchLabels").properties()) {
            if (!label.getValue().asText().equals(pod.labels().get(label.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
