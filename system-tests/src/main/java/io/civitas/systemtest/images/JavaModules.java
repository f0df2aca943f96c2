package io.civitas.systemtest.images;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;

/**
 * Whether the image's Java runtime holds every JDK module the application's classes refer to: jdeps (this JDK's)
 * over each jar of the application against the MODULES line of the runtime's {@code release} file. jdeps sees
 * static references only; modules found through ServiceLoader (zipfs, DNS, charsets) are in the runtime by choice
 * (images/build-base.sh).
 */
final class JavaModules {

    /**
     * References that never run in a service: a module, and the jar (by file name prefix) that refers to it. Any
     * other reference to a module missing from the runtime fails the check.
     */
    static final Map<String, String> UNUSED_AT_RUN_TIME = Map.of(
            "jdk.compiler", "io.vertx.vertx-codegen", // an annotation processor, run by the build
            "jdk.jdi", "org.javassist.javassist"); // HotSwapper: class reloading through a debugger connection

    /** Per jar (file name and size), the JDK modules it refers to; jars repeat across the five images. */
    private static final Map<String, Set<String>> CACHE = new ConcurrentHashMap<>();

    /**
     * @param runtime the modules of the image's runtime
     * @param used JDK modules the application refers to, with one jar referring to each
     * @param tolerated modules absent from the runtime that only {@link #UNUSED_AT_RUN_TIME} jars refer to
     * @param missing modules absent from the runtime that other jars refer to, with those jars
     */
    record Result(Set<String> runtime, Map<String, String> used, Set<String> tolerated, Map<String, String> missing) {
    }

    private JavaModules() {
    }

    static Result check(Path rootfs, String javaHome, String appDir) {
        Set<String> runtime = runtimeModules(rootfs.resolve(javaHome.substring(1)).resolve("release"));
        Map<String, String> used = new TreeMap<>();
        Set<String> tolerated = new TreeSet<>();
        Map<String, String> missing = new TreeMap<>();
        try (Stream<Path> files = Files.walk(rootfs.resolve(appDir.substring(1)))) {
            for (Path jar : files.filter(f -> f.toString().endsWith(".jar")).sorted().toList()) {
                String name = jar.getFileName().toString();
                for (String module : modules(jar)) {
                    used.putIfAbsent(module, name);
                    if (runtime.contains(module)) {
                        continue;
                    }
                    String unusedIn = UNUSED_AT_RUN_TIME.get(module);
                    if (unusedIn != null && name.startsWith(unusedIn)) {
                        tolerated.add(module);
                    } else {
                        missing.merge(module, name, (a, b) -> a + ", " + b);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Result(runtime, used, tolerated, missing);
    }

    private static Set<String> modules(Path jar) throws IOException {
        String key = jar.getFileName() + ":" + Files.size(jar);
        Set<String> cached = CACHE.get(key);
        if (cached != null) {
            return cached;
        }
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow(() -> new IllegalStateException(
                "This JDK has no jdeps"));
        StringWriter out = new StringWriter();
        jdeps.run(new PrintWriter(out), new PrintWriter(new StringWriter()), "-summary", "--multi-release", "25",
                "--ignore-missing-deps", jar.toString());
        Set<String> modules = new TreeSet<>();
        for (String line : out.toString().split("\n")) {
            int arrow = line.indexOf("->");
            if (arrow > 0) {
                String module = line.substring(arrow + 2).strip();
                if (module.startsWith("java.") || module.startsWith("jdk.")) {
                    modules.add(module);
                }
            }
        }
        CACHE.put(key, modules);
        return modules;
    }

    private static Set<String> runtimeModules(Path release) {
        try {
            for (String line : Files.readAllLines(release)) {
                if (line.startsWith("MODULES=")) {
                    return new TreeSet<>(List.of(line.substring("MODULES=".length()).replace("\"", "").split(" ")));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("The image's Java runtime has no release file: " + release, e);
        }
        throw new IllegalStateException(release + " lists no MODULES");
    }
}
