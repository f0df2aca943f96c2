package io.civitas.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.stream.Stream;

/** The objects of one rendering, as JSON trees. */
record Rendered(String yaml, List<ObjectNode> objects) {

    static final ObjectMapper YAML = new YAMLMapper();

    static Rendered parse(String yaml) {
        List<ObjectNode> objects = new ArrayList<>();
        try (var parser = new YAMLFactory().createParser(yaml)) {
            for (var it = YAML.readValues(parser, JsonNode.class); it.hasNext(); ) {
                JsonNode node = it.next();
                if (node instanceof ObjectNode object && object.hasNonNull("kind")) {
                    objects.add(object);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Rendered(yaml, List.copyOf(objects));
    }

    Stream<ObjectNode> ofKind(String kind) {
        return objects.stream().filter(o -> o.path("kind").asText().equals(kind));
    }

    Optional<ObjectNode> find(String kind, String name) {
        return ofKind(kind).filter(o -> name(o).equals(name)).findFirst();
    }

    ObjectNode get(String kind, String name) {
        return find(kind, name).orElseThrow(() -> new NoSuchElementException(kind + "/" + name + " not rendered"));
    }

    static String name(JsonNode object) {
        return object.path("metadata").path("name").asText();
    }

    static String hook(JsonNode object) {
        return object.path("metadata").path("annotations").path(Chart.HOOK_ANNOTATION).asText("");
    }

    static int hookWeight(JsonNode object) {
        return Integer.parseInt(object.path("metadata").path("annotations").path("helm.sh/hook-weight").asText("0"));
    }

    /** Every object that runs pods: Deployments, StatefulSets, DaemonSets, Jobs (pod template) and bare Pods. */
    Stream<Workload> workloads() {
        return objects.stream().flatMap(o -> switch (o.path("kind").asText()) {
            case "Deployment", "StatefulSet", "DaemonSet", "Job" -> Stream.of(new Workload(o,
                    o.path("spec").path("template").path("metadata"), o.path("spec").path("template").path("spec")));
            case "Pod" -> Stream.of(new Workload(o, o.path("metadata"), o.path("spec")));
            default -> Stream.empty();
        });
    }

    Workload workload(String kind, String name) {
        return workloads().filter(w -> w.kind().equals(kind) && w.name().equals(name)).findFirst()
                .orElseThrow(() -> new NoSuchElementException(kind + "/" + name + " not rendered"));
    }

    /** An object running pods, with its pod metadata and spec. */
    record Workload(JsonNode object, JsonNode podMetadata, JsonNode podSpec) {

        String kind() {
            return object.path("kind").asText();
        }

        String name() {
            return Rendered.name(object);
        }

        /** Containers and init containers (native sidecars among them). */
        List<JsonNode> allContainers() {
            List<JsonNode> all = new ArrayList<>();
            podSpec.path("initContainers").forEach(all::add);
            podSpec.path("containers").forEach(all::add);
            return all;
        }

        JsonNode container(String name) {
            return allContainers().stream().filter(c -> c.path("name").asText().equals(name)).findFirst()
                    .orElseThrow(() -> new NoSuchElementException("container " + name + " in " + name()));
        }

        /** The literal value of an env var of a container, empty when absent or taken from a reference. */
        Optional<String> env(String container, String variable) {
            for (JsonNode env : container(container).path("env")) {
                if (env.path("name").asText().equals(variable) && env.has("value")) {
                    return Optional.of(env.path("value").asText());
                }
            }
            return Optional.empty();
        }

        JsonNode envEntry(String container, String variable) {
            for (JsonNode env : container(container).path("env")) {
                if (env.path("name").asText().equals(variable)) {
                    return env;
                }
            }
            throw new NoSuchElementException(variable + " in " + name() + "/" + container);
        }

        JsonNode volume(String name) {
            for (JsonNode volume : podSpec.path("volumes")) {
                if (volume.path("name").asText().equals(name)) {
                    return volume;
                }
            }
            throw new NoSuchElementException("volume " + name + " in " + name());
        }
    }
}
