package io.civitas.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.LintResult;
import org.junit.jupiter.api.Test;

class ChartLintTest {

    @Test
    void lintsCleanInStrictMode() {
        // When
        LintResult lint = Chart.current().lint();

        // Then
        assertThat(lint.isFailed()).as("lint failed: %s", lint.getMessages()).isFalse();
        assertThat(lint.getMessages()).noneMatch(m -> m.startsWith("[ERROR]") || m.startsWith("[WARNING]"));
    }

    @Test
    void everyRenderedObjectIsAValidKubernetesObjectWithoutUnknownFields() {
        // When
        Rendered defaults = Chart.current().render();
        Rendered gpu = Chart.current().render(GpuValues.FILE);

        // Then
        assertThat(defaults.objects()).hasSizeGreaterThan(20);
        assertThat(defaults.objects()).flatMap(KubernetesModel::problems).isEmpty();
        assertThat(gpu.objects()).flatMap(KubernetesModel::problems).isEmpty();
    }

    @Test
    void theModelCheckCatchesAMisspelledField() {
        // Given
        var deployment = Chart.current().render().get("Deployment", "rel-civitas-gateway").deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) deployment.path("spec")).put("replica", 3);

        // When
        var problems = KubernetesModel.problems(deployment);

        // Then
        assertThat(problems).singleElement().asString().contains("Deployment/rel-civitas-gateway").contains("replica");
    }
}
