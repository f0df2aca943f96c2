package io.civitas.helm;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The Civitas chart as the tests render it, through helm-java (Helm 3 as a native library, no binary, no cluster).
 *
 * <p>helm-java's {@code template} returns only the release manifest, not the hooks (the migration Jobs, the test pod).
 * To see those too, {@link #render} renders a copy of the chart in which the annotation key {@code helm.sh/hook:}
 * is spelled {@value #HOOK_ANNOTATION}: Helm then treats the hook objects as ordinary ones and the tests read the
 * hook phases from that key. Nothing else of the copy differs.
 */
final class Chart {

    /** Where the hook phases of a rendered object are (see the class comment). */
    static final String HOOK_ANNOTATION = "test.civitas.io/hook";

    /** Kubernetes version the chart is rendered for (Chart.yaml requires 1.30 or later). */
    static final String KUBE_VERSION = "1.31.0";

    static final String RELEASE = "rel";
    static final String NAMESPACE = "civitas";

    private final Path source;

    private Chart(Path source) {
        this.source = source;
    }

    /** The chart under development, helm/civitas. */
    static Chart current() {
        return new Chart(Path.of(System.getProperty("civitas.chart.dir", "civitas")));
    }

    /** A packaged chart (.tgz), e.g. a released version kept in helm/releases. */
    static Chart packaged(Path tgz) {
        return new Chart(tgz);
    }

    static Path releasesDir() {
        return Path.of(System.getProperty("civitas.releases.dir", "releases"));
    }

    Path source() {
        return source;
    }

    LintResult lint() {
        return new Helm(source).lint().strict().call();
    }

    /** Renders the chart, hooks included, with the given values files (in order) and --set pairs. */
    Rendered render(List<Path> valuesFiles, Map<String, Object> sets) {
        Path copy = hooksVisibleCopy();
        try {
            TemplateCommand template = new Helm(copy).template()
                    .withName(RELEASE).withNamespace(NAMESPACE).withKubeVersion(KUBE_VERSION);
            for (Path file : valuesFiles) {
                template = template.withValuesFile(file.toAbsolutePath());
            }
            for (Map.Entry<String, Object> set : sets.entrySet()) {
                template = template.set(set.getKey(), set.getValue());
            }
            return Rendered.parse(template.call());
        } finally {
            deleteTree(copy);
        }
    }

    /** NOTES.txt as `helm install` prints it (a client-only dry run), with the given values files. */
    String notes(Path... valuesFiles) {
        var install = new Helm(source).install().withName(RELEASE).withNamespace(NAMESPACE)
                .withKubeVersion(KUBE_VERSION).dryRun().clientOnly();
        for (Path file : valuesFiles) {
            install = install.withValuesFile(file.toAbsolutePath());
        }
        String output = install.call().getOutput();
        return output.substring(output.indexOf("NOTES:"));
    }

    Rendered render(Path... valuesFiles) {
        return render(List.of(valuesFiles), Map.of());
    }

    private Path hooksVisibleCopy() {
        Path dir;
        try {
            dir = Files.createTempDirectory("civitas-chart-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path chartDir = dir.resolve("civitas");
        try {
            if (Files.isDirectory(source)) {
                copyTree(source, chartDir);
            } else {
                Files.createDirectories(chartDir);
                Tar.extractChart(source, chartDir);
            }
            try (Stream<Path> files = Files.walk(chartDir.resolve("templates"))) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    String text = Files.readString(file);
                    Files.writeString(file, text.replace("helm.sh/hook:", HOOK_ANNOTATION + ":"));
                }
            }
            return chartDir;
        } catch (IOException | RuntimeException e) {
            deleteTree(chartDir);
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target);
                }
            }
        }
    }

    static void deleteTree(Path root) {
        Path top = root.getParent() != null && root.getParent().getFileName().toString().startsWith("civitas-chart-")
                ? root.getParent() : root;
        try (Stream<Path> paths = Files.walk(top)) {
            for (Path path : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
