package io.civitas.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The images the project's build writes ({@code ./civitas images}: the services' "images" Maven profile on the base
 * image of images/build-base.sh) are the ones the chart pulls by default: same repositories, the tag is the chart's
 * appVersion (the project's version without -SNAPSHOT), and the user is the chart's runAsUser/runAsGroup.
 */
class ImageBuildTest {

    /** values.yaml key of each service module. */
    static final Map<String, String> VALUES_KEYS = Map.of(
            "gateway", "gateway",
            "tenant-service", "tenantService",
            "billing-service", "billingService",
            "audit-service", "auditService",
            "inference-worker", "worker");

    static final Path PROJECT = Path.of(System.getProperty("civitas.project.dir"));

    @Test
    void eachServiceBuildsTheImageRepositoryTheChartPulls() throws Exception {
        // Given
        JsonNode values = values();
        String group = property(PROJECT.resolve("pom.xml"), "quarkus.container-image.group");

        // When
        for (var service : VALUES_KEYS.entrySet()) {
            String name = property(PROJECT.resolve(service.getKey()).resolve("pom.xml"),
                    "quarkus.container-image.name");

            // Then
            assertThat(group + "/" + name).as(service.getKey())
                    .isEqualTo(values.path(service.getValue()).path("image").path("repository").asText());
            assertThat(values.path(service.getValue()).path("image").path("tag").asText()).isEmpty();
        }
    }

    @Test
    void theImageTagTheChartDefaultsToIsTheProjectVersionTheImagesAreBuiltFrom() throws Exception {
        // Given
        String projectVersion = System.getProperty("civitas.project.version");

        // When
        String appVersion = RenderedChartTest.appVersion();

        // Then
        assertThat(projectVersion.replaceFirst("-SNAPSHOT$", "")).isEqualTo(appVersion);
    }

    @Test
    void theImagesRunAsTheUserOfTheChartsSecurityContext() throws Exception {
        // Given
        JsonNode pod = values().path("podSecurityContext");

        // When
        String jibUser = property(PROJECT.resolve("pom.xml"), "quarkus.jib.user");
        Matcher baseUid = Pattern.compile("(?m)^uid=(\\d+)$")
                .matcher(Files.readString(PROJECT.resolve("images/build-base.sh")));

        // Then
        assertThat(jibUser).isEqualTo(pod.path("runAsUser").asInt() + ":" + pod.path("runAsGroup").asInt());
        assertThat(baseUid.find()).isTrue();
        assertThat(Integer.parseInt(baseUid.group(1))).isEqualTo(pod.path("runAsUser").asInt())
                .isEqualTo(pod.path("fsGroup").asInt());
    }

    private static JsonNode values() throws IOException {
        return Rendered.YAML.readTree(Files.readString(Chart.current().source().resolve("values.yaml")));
    }

    /** The value of a Maven property element in a pom (the first occurrence). */
    private static String property(Path pom, String name) throws IOException {
        Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]*)</" + Pattern.quote(name) + ">")
                .matcher(Files.readString(pom));
        assertThat(m.find()).as(name + " in " + pom).isTrue();
        return m.group(1);
    }
}
