package io.civitas.systemtest.images;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a docker-archive and unpacking its layers as a container runtime does (GNU tar on the host). */
class ImageArchiveTest {

    @TempDir
    Path dir;

    @Test
    void shouldUnpackTheLayersInOrderApplyingWhiteouts() throws IOException {
        // Given
        Path archive = dir.resolve("archive");
        Path lower = layer("lower", "etc/keep", "etc/gone", "cache/old", "data/x");
        Path upper = layer("upper", "etc/.wh.gone", "cache/.wh..wh..opq", "cache/new", "data/y");
        Files.createDirectories(archive);
        tar(archive.resolve("lower.tar.gz"), lower, "-czf");
        tar(archive.resolve("upper.tar"), upper, "-cf");
        Files.writeString(archive.resolve("config.json"), """
                {"architecture":"amd64","os":"linux","config":{"User":"185:185","WorkingDir":"/deployments",
                 "Env":["PATH=/usr/bin","LANG=C.UTF-8"],"Entrypoint":["java","-jar"],"Cmd":["quarkus-run.jar"]}}""");
        Files.writeString(archive.resolve("manifest.json"), """
                [{"Config":"config.json","RepoTags":["civitas/gateway:0.1.0"],"Layers":["lower.tar.gz","upper.tar"]}]""");
        Path image = dir.resolve("image.tar");
        Commands.run(List.of("tar", "-C", archive.toString(), "-cf", image.toString(), "manifest.json", "config.json",
                "lower.tar.gz", "upper.tar"));
        Path rootfs = dir.resolve("rootfs");

        // When
        ImageArchive read = ImageArchive.read(image);
        int whiteouts = read.unpack(rootfs, dir.resolve("scratch"));

        // Then
        assertThat(read.reference()).isEqualTo("civitas/gateway:0.1.0");
        assertThat(read.command()).containsExactly("java", "-jar", "quarkus-run.jar");
        assertThat(read.env()).containsExactly("PATH=/usr/bin", "LANG=C.UTF-8");
        assertThat(read.workingDir()).isEqualTo("/deployments");
        assertThat(read.configDigest()).isEqualTo("sha256:" + ImageArchive.sha256(Files.readAllBytes(
                archive.resolve("config.json"))));
        assertThat(whiteouts).isEqualTo(2);
        assertThat(rootfs.resolve("etc/keep")).exists();
        assertThat(rootfs.resolve("etc/gone")).doesNotExist();
        assertThat(rootfs.resolve("etc/.wh.gone")).doesNotExist();
        assertThat(rootfs.resolve("cache/old")).doesNotExist();
        assertThat(rootfs.resolve("cache/.wh..wh..opq")).doesNotExist();
        assertThat(rootfs.resolve("cache/new")).exists();
        assertThat(rootfs.resolve("data/x")).exists();
        assertThat(rootfs.resolve("data/y")).exists();
        assertThat(dir.resolve("scratch")).doesNotExist();
    }

    @Test
    void shouldResolveTheImageUserByIdOrThroughTheImagesPasswd() throws IOException {
        // Given
        Path rootfs = Files.createDirectories(dir.resolve("rootfs/etc"));
        Files.writeString(rootfs.resolve("passwd"), "root:x:0:0:root:/root:/usr/sbin/nologin\n"
                + "civitas:x:185:185:Civitas:/home/civitas:/usr/sbin/nologin\n");

        // When
        int[] numeric = ContainerRun.user("185:0", rootfs.getParent());
        int[] named = ContainerRun.user("civitas", rootfs.getParent());
        int[] none = ContainerRun.user("", rootfs.getParent());

        // Then
        assertThat(numeric).containsExactly(185, 0);
        assertThat(named).containsExactly(185, 185);
        assertThat(none).containsExactly(0, 0);
    }

    private Path layer(String name, String... files) throws IOException {
        Path root = dir.resolve(name);
        for (String file : files) {
            Files.createDirectories(root.resolve(file).getParent());
            Files.writeString(root.resolve(file), file);
        }
        return root;
    }

    private static void tar(Path out, Path root, String mode) {
        Commands.run(List.of("tar", "-C", root.toString(), mode, out.toString(), "."));
    }
}
