package io.civitas.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** deploy/airgap/bundle.yaml lists every image the chart can run and the released chart itself. */
class AirGapBundleTest {

    static JsonNode bundle;

    @BeforeAll
    static void read() throws IOException {
        bundle = Rendered.YAML.readTree(Files.readString(Path.of(System.getProperty("civitas.deploy.dir"), "airgap", "bundle.yaml")));
    }

    @Test
    void everyImageTheChartRendersIsInTheBundleUnderItsMirrorPath() {
        Set<String> listed = StreamSupport.stream(bundle.path("images").spliterator(), false)
                .map(i -> i.path("name").asText() + ":" + i.path("tag").asText()).collect(Collectors.toSet());
        Set<String> rendered = new TreeSet<>();
        for (Rendered r : List.of(Chart.current().render(), Chart.current().render(GpuValues.FILE))) {
            r.workloads().flatMap(w -> w.allContainers().stream()).map(c -> c.path("image").asText()).forEach(rendered::add);
        }
        assertThat(rendered).hasSizeGreaterThanOrEqualTo(8);
        for (String image : rendered) {
            String withoutRegistry = image.substring(image.indexOf('/') + 1);
            assertThat(listed).as("bundle.yaml lists " + image).contains(withoutRegistry);
        }
    }

    @Test
    void everyEntryHasADigestFieldAndTheReleasedChartsDigestMatchesItsPackage() throws Exception {
        for (String section : List.of("charts", "manifests", "images")) {
            assertThat(bundle.path(section)).isNotEmpty();
            bundle.path(section).forEach(e -> {
                assertThat(e.has("digest")).as(section + " " + e.path("name")).isTrue();
                String digest = e.path("digest").asText();
                assertThat(digest.isEmpty() || digest.matches("sha256:[0-9a-f]{64}")).as(section + " " + e.path("name")).isTrue();
            });
        }
        JsonNode civitas = StreamSupport.stream(bundle.path("charts").spliterator(), false)
                .filter(c -> c.path("name").asText().equals("civitas")).findFirst().orElseThrow();
        Path tgz = Chart.releasesDir().resolve("civitas-" + civitas.path("version").asText() + ".tgz");
        assertThat(tgz).exists();
        String digest = civitas.path("digest").asText();
        if (!digest.isEmpty()) {
            assertThat(digest).isEqualTo("sha256:" + sha256(tgz));
        }
    }

    private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
