package io.civitas.helm;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks rendered objects against Fabric8's typed Kubernetes model: each must deserialise into its kind's class
 * (wrong types fail there) and no object in the tree may carry fields the model does not know (a misspelled key in a
 * template, such as {@code replica:} or {@code readinessProbes:}, lands in {@code additionalProperties}).
 */
final class KubernetesModel {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private KubernetesModel() {
    }

    /** The problems found in one object, as "Kind/name: path: unknown fields [..]" lines; empty when none. */
    static List<String> problems(JsonNode object) {
        String id = object.path("kind").asText() + "/" + Rendered.name(object);
        Object typed;
        try {
            typed = SERIALIZATION.unmarshal(object.toString(), KubernetesResource.class);
        } catch (RuntimeException e) {
            return List.of(id + ": does not deserialise: " + e.getMessage());
        }
        if (typed == null || typed.getClass().getSimpleName().equals("GenericKubernetesResource")) {
            return List.of(id + ": not a kind of the Kubernetes model");
        }
        List<String> problems = new ArrayList<>();
        walk(typed, id + ": " + typed.getClass().getSimpleName(), problems, new IdentityHashMap<>());
        return problems;
    }

    private static void walk(Object node, String path, List<String> problems, Map<Object, Boolean> seen) {
        if (node == null || seen.put(node, Boolean.TRUE) != null) {
            return;
        }
        if (node instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                walk(item, path + "[" + i++ + "]", problems, seen);
            }
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> walk(value, path + "[" + key + "]", problems, seen));
            return;
        }
        if (!node.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get") || getter.getName().equals("getClass")) {
                continue;
            }
            Object value;
            try {
                value = getter.invoke(node);
            } catch (IllegalAccessException | InvocationTargetException e) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    problems.add(path + ": unknown fields " + extra.keySet());
                }
                continue;
            }
            walk(value, path + "." + getter.getName().substring(3), problems, seen);
        }
    }
}
