package io.civitas.systemtest.images;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A container image as a docker-archive ({@code docker save} format, what Jib hands to {@code docker load}):
 * {@code manifest.json} naming the image configuration and the layer tars, in order.
 *
 * @param file the archive
 * @param reference the first of the manifest's RepoTags, e.g. {@code civitas/gateway:0.1.0}
 * @param config the image configuration (OCI/Docker image config JSON)
 * @param configDigest sha256 of the configuration as stored, the image id
 * @param layers the layer files inside the archive, lowest first
 */
public record ImageArchive(Path file, String reference, JsonNode config, String configDigest, List<String> layers) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public ImageArchive {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException(file + " has no layers");
        }
        layers = List.copyOf(layers);
    }

    /** Reads the manifest and configuration of the archive at {@code file}. */
    public static ImageArchive read(Path file) {
        try {
            JsonNode manifest = JSON.readTree(entry(file, "manifest.json"));
            if (manifest.size() != 1) {
                throw new IllegalArgumentException(file + " holds " + manifest.size() + " images, expected one");
            }
            JsonNode image = manifest.get(0);
            byte[] config = entry(file, image.path("Config").asText());
            List<String> layers = new ArrayList<>();
            image.path("Layers").forEach(layer -> layers.add(layer.asText()));
            return new ImageArchive(file, image.path("RepoTags").path(0).asText(), JSON.readTree(config),
                    "sha256:" + sha256(config), layers);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the image archive " + file, e);
        }
    }

    public JsonNode runConfig() {
        return config.path("config");
    }

    /** The image's user as {@code uid} or {@code uid:gid} (names are resolved by {@link ContainerRun}). */
    public String user() {
        return runConfig().path("User").asText("");
    }

    public String workingDir() {
        return runConfig().path("WorkingDir").asText("/");
    }

    public List<String> entrypoint() {
        return strings(runConfig().path("Entrypoint"));
    }

    public List<String> cmd() {
        return strings(runConfig().path("Cmd"));
    }

    /** What the image runs when nothing else is asked for: its entrypoint followed by its cmd. */
    public List<String> command() {
        List<String> command = new ArrayList<>(entrypoint());
        command.addAll(cmd());
        return command;
    }

    /** The image's environment, {@code NAME=value} each. */
    public List<String> env() {
        return strings(runConfig().path("Env"));
    }

    public String label(String name) {
        return runConfig().path("Labels").path(name).asText("");
    }

    public int layerCount() {
        return layers.size();
    }

    /**
     * Unpacks the layers, lowest first, into {@code rootfs} (emptied first) as a container runtime does: owners,
     * modes and links as recorded, whiteout files ({@code .wh.<name>}) removing what lower layers put there.
     *
     * @return the number of whiteouts applied
     */
    public int unpack(Path rootfs, Path scratch) {
        delete(rootfs);
        delete(scratch);
        try {
            Files.createDirectories(rootfs);
            Files.createDirectories(scratch);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String tar = Commands.tool("tar");
        Commands.run(List.of(tar, "-xf", file.toString(), "-C", scratch.toString()));
        int whiteouts = 0;
        for (String layer : layers) {
            Path layerFile = scratch.resolve(layer);
            List<String> names = Commands.runText(List.of(tar, "-tf", layerFile.toString())).lines().toList();
            for (String name : names) {
                if (fileName(name).equals(".wh..wh..opq")) {
                    // Opaque directory: nothing of the lower layers stays in it.
                    Path dir = rootfs.resolve(parent(name));
                    if (Files.isDirectory(dir)) {
                        try (Stream<Path> children = Files.list(dir)) {
                            children.forEach(ImageArchive::delete);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }
                }
            }
            Commands.run(List.of(tar, "-xpf", layerFile.toString(), "--numeric-owner", "-C", rootfs.toString()));
            for (String name : names) {
                String base = fileName(name);
                if (base.startsWith(".wh.")) {
                    whiteouts++;
                    delete(rootfs.resolve(name));
                    if (!base.equals(".wh..wh..opq")) {
                        delete(rootfs.resolve(parent(name)).resolve(base.substring(".wh.".length())));
                    }
                }
            }
        }
        delete(scratch);
        return whiteouts;
    }

    private static String fileName(String name) {
        String trimmed = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
        return trimmed.substring(trimmed.lastIndexOf('/') + 1);
    }

    private static String parent(String name) {
        int slash = name.lastIndexOf('/');
        return slash < 0 ? "" : name.substring(0, slash);
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    private static byte[] entry(Path archive, String name) {
        return Commands.run(List.of(Commands.tool("tar"), "-xOf", archive.toString(), name));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Deletes a file, a link (not its target) or a directory tree, if present. */
    static void delete(Path path) {
        if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> files = Files.walk(path)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete " + path, e);
        }
    }
}
