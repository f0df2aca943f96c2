package io.civitas.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * helm upgrade from the last released chart (the newest helm/releases/civitas-X.Y.Z.tgz) to the current one: the same
 * values render, the fields Kubernetes refuses to change are unchanged, and no workload or Service disappears.
 */
class UpgradeCompatibilityTest {

    /** Fields Kubernetes refuses to change on an existing object, per kind (JSON pointers into the object). */
    static final Map<String, List<String>> IMMUTABLE = Map.of(
            "Deployment", List.of("/spec/selector"),
            "StatefulSet", List.of("/spec/selector", "/spec/serviceName", "/spec/volumeClaimTemplates",
                    "/spec/podManagementPolicy"),
            "DaemonSet", List.of("/spec/selector"),
            "Service", List.of("/spec/clusterIP", "/spec/clusterIPs", "/spec/ipFamilies", "/spec/type", "/spec/selector"),
            "PersistentVolumeClaim", List.of("/spec/accessModes", "/spec/storageClassName", "/spec/volumeName",
                    "/spec/volumeMode", "/spec/selector"),
            "RoleBinding", List.of("/roleRef"),
            "ClusterRoleBinding", List.of("/roleRef"),
            "Job", List.of("/spec/selector", "/metadata/annotations/helm.sh~1hook-delete-policy"));

    static Path baseline;

    @TempDir
    static Path dir;

    @BeforeAll
    static void findBaseline() throws IOException {
        try (Stream<Path> files = Files.list(Chart.releasesDir())) {
            baseline = files.filter(f -> f.getFileName().toString().matches("civitas-\\d+\\.\\d+\\.\\d+\\.tgz"))
                    .max(Comparator.comparing(UpgradeCompatibilityTest::version, UpgradeCompatibilityTest::compare))
                    .orElseThrow(() -> new AssertionError("no released chart in " + Chart.releasesDir()));
        }
    }

    @Test
    void theBaselineIsAReleaseNotNewerThanTheCurrentChart() throws IOException {
        String current = chartVersion(Files.readString(Chart.current().source().resolve("Chart.yaml")));
        assertThat(compare(version(baseline), current)).as("baseline %s, current %s", baseline, current)
                .isLessThanOrEqualTo(0);
    }

    @Test
    void upgradingWithDefaultValuesChangesNoImmutableField() {
        assertUpgradable(Chart.packaged(baseline).render(), Chart.current().render());
    }

    @Test
    void upgradingWithTheBaselinesGpuValuesChangesNoImmutableField() throws IOException {
        // The administrator's values file stays the same across an upgrade: the baseline's GPU example must still be
        // accepted by the current schema.
        Path values = dir.resolve("values-gpu.yaml");
        Path unpacked = Files.createDirectories(dir.resolve("baseline"));
        Tar.extractChart(baseline, unpacked);
        Files.copy(unpacked.resolve("examples/values-gpu.yaml"), values);

        assertUpgradable(Chart.packaged(baseline).render(values), Chart.current().render(values));
    }

    @Test
    void aChangedSelectorIsCaught() {
        Rendered before = Chart.packaged(baseline).render();
        Rendered after = Chart.current().render(List.of(), Map.of("nameOverride", "renamed", "fullnameOverride", "rel-civitas"));

        assertThat(differences(before, after)).anyMatch(d -> d.contains("Deployment/rel-civitas-gateway /spec/selector"));
    }

    private static void assertUpgradable(Rendered before, Rendered after) {
        assertThat(before.objects()).isNotEmpty();
        assertThat(differences(before, after)).isEmpty();
    }

    /** Immutable fields that differ, and objects of the baseline the current chart no longer renders. */
    static List<String> differences(Rendered before, Rendered after) {
        List<String> differences = new ArrayList<>();
        Function<JsonNode, String> id = o -> o.path("kind").asText() + "/" + Rendered.name(o);
        for (JsonNode old : before.objects()) {
            String kind = old.path("kind").asText();
            JsonNode now = after.find(kind, Rendered.name(old)).map(JsonNode.class::cast).orElse(MissingNode.getInstance());
            if (now.isMissingNode()) {
                if (!kind.equals("Pod")) {
                    differences.add(id.apply(old) + " is no longer rendered (a rename deletes and recreates it)");
                }
                continue;
            }
            for (String pointer : IMMUTABLE.getOrDefault(kind, List.of())) {
                if (!old.at(pointer).equals(now.at(pointer))) {
                    differences.add(id.apply(old) + " " + pointer + ": " + old.at(pointer) + " -> " + now.at(pointer));
                }
            }
        }
        return differences;
    }

    static String version(Path tgz) {
        Matcher m = Pattern.compile("civitas-(\\d+\\.\\d+\\.\\d+)\\.tgz").matcher(tgz.getFileName().toString());
        assertThat(m.matches()).isTrue();
        return m.group(1);
    }

    static String chartVersion(String chartYaml) {
        Matcher m = Pattern.compile("(?m)^version:\\s*\"?(\\d+\\.\\d+\\.\\d+)").matcher(chartYaml);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    static int compare(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < 3; i++) {
            int c = Integer.compare(Integer.parseInt(x[i]), Integer.parseInt(y[i]));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
