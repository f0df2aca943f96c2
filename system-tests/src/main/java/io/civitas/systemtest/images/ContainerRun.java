package io.civitas.systemtest.images;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.civitas.testsupport.process.ManagedProcess;

/**
 * One image run the way the chart runs it, without a container engine: in its own mount and PID namespaces
 * ({@code unshare}), on the unpacked root file system mounted read-only (readOnlyRootFilesystem), with tmpfs where
 * the chart mounts emptyDirs and read-only bind mounts where it mounts ConfigMaps and Secrets, then the image's
 * entrypoint and cmd in a chroot ({@code unshare --root --wd}) as the image's user, with no capabilities and
 * no_new_privs (allowPrivilegeEscalation: false), and only the image's environment plus the given variables. The
 * network is the host's (the services reach each other, PostgreSQL and Kafka on loopback). Needs root.
 */
public final class ContainerRun implements AutoCloseable {

    /** The fsGroup of the chart's podSecurityContext: emptyDirs and Secret files belong to this group. */
    static final int FS_GROUP = 185;

    private final String name;
    private final Path rootfs;
    private final ManagedProcess process;

    private ContainerRun(String name, Path rootfs, ManagedProcess process) {
        this.name = name;
        this.rootfs = rootfs;
        this.process = process;
    }

    /**
     * A volume: a tmpfs (writable by the fsGroup, as an emptyDir) when {@code source} is null, else a read-only
     * bind mount of the host directory or file {@code source}.
     */
    public record Volume(String path, Path source) {

        public Volume {
            if (!path.startsWith("/")) {
                throw new IllegalArgumentException("A mount path is absolute: " + path);
            }
        }

        public static Volume emptyDir(String path) {
            return new Volume(path, null);
        }

        public static Volume readOnly(String path, Path source) {
            return new Volume(path, source);
        }
    }

    /**
     * Starts {@code command} ({@link ImageArchive#command()} for what the image runs by itself) of {@code image},
     * unpacked in {@code rootfs}, with {@code env} on top of the image's environment. Output goes to {@code log}.
     * Environment values (secrets among them) travel only as the process environment, never on a command line or
     * in a file.
     */
    public static ContainerRun start(String name, ImageArchive image, Path rootfs, List<String> command,
            Map<String, String> env, List<Volume> volumes, Path log) {
        Path dir = log.getParent();
        if (command.isEmpty()) {
            throw new IllegalArgumentException(image.reference() + " has neither entrypoint nor cmd");
        }
        int[] user = user(image.user(), rootfs);
        String mount = Commands.tool("mount");
        StringBuilder script = new StringBuilder("set -e\n");
        String root = quote(rootfs.toString());
        script.append(mount).append(" --bind ").append(root).append(' ').append(root).append('\n');
        List<Volume> all = new ArrayList<>(volumes);
        // What the kubelet mounts into every container (the pod's hosts, hostname and DNS configuration); the host's
        // own files here, as the container shares the host's network and host name.
        for (String file : List.of("/etc/hosts", "/etc/hostname", "/etc/resolv.conf")) {
            if (Files.isRegularFile(Path.of(file))) {
                all.add(Volume.readOnly(file, Path.of(file)));
            }
        }
        for (Volume volume : all) {
            // Mount points are created before the root turns read-only, as container runtimes do.
            String target = quote(rootfs + volume.path());
            if (volume.source() != null && Files.isRegularFile(volume.source())) {
                String parent = volume.path().substring(0, volume.path().lastIndexOf('/'));
                script.append(Commands.tool("mkdir")).append(" -p ").append(quote(rootfs + parent)).append('\n');
                script.append(Commands.tool("touch")).append(' ').append(target).append('\n');
            } else {
                script.append(Commands.tool("mkdir")).append(" -p ").append(target).append('\n');
            }
        }
        script.append(mount).append(" -o remount,bind,ro ").append(root).append('\n');
        script.append(mount).append(" -t proc proc ").append(quote(rootfs + "/proc")).append('\n');
        script.append(mount).append(" -t tmpfs -o mode=755,size=64k tmpfs ").append(quote(rootfs + "/dev"))
                .append('\n');
        for (String device : List.of("null", "zero", "full", "random", "urandom", "tty")) {
            String target = quote(rootfs + "/dev/" + device);
            script.append(Commands.tool("touch")).append(' ').append(target).append('\n');
            script.append(mount).append(" --bind /dev/").append(device).append(' ').append(target).append('\n');
        }
        for (Volume volume : all) {
            String target = quote(rootfs + volume.path());
            if (volume.source() == null) {
                String mode = volume.path().equals("/tmp") ? "1777" : "2775";
                script.append(mount).append(" -t tmpfs -o mode=").append(mode).append(",gid=").append(FS_GROUP)
                        .append(",size=1g tmpfs ").append(target).append('\n');
            } else {
                script.append(mount).append(" --bind ").append(quote(volume.source().toString())).append(' ')
                        .append(target).append('\n');
                script.append(mount).append(" -o remount,bind,ro ").append(target).append('\n');
            }
        }
        // The process starts with this JVM's environment plus the container's (ManagedProcess adds to what it
        // inherits): everything that is not the container's is removed by name before the final exec.
        Map<String, String> containerEnv = environment(image, env);
        System.getenv().keySet().stream().filter(variable -> !containerEnv.containsKey(variable))
                .filter(variable -> variable.matches("[A-Za-z_][A-Za-z0-9_]*")).sorted()
                .forEach(variable -> script.append("unset ").append(variable).append('\n'));
        script.append("exec ").append(Commands.tool("setpriv")).append(" --no-new-privs ")
                .append(Commands.tool("unshare")).append(" --root=").append(root)
                .append(" --wd=").append(quote(image.workingDir()))
                .append(" --setgid ").append(user[1]).append(" --setuid ").append(user[0]).append(" --");
        command.forEach(part -> script.append(' ').append(quote(part)));
        script.append('\n');
        try {
            Files.createDirectories(dir);
            Path scriptFile = Files.writeString(dir.resolve(name + ".run.sh"), script);
            List<String> outer = List.of(Commands.tool("unshare"), "--mount", "--pid", "--fork",
                    "--kill-child=SIGTERM", "--propagation", "private", "/bin/sh", scriptFile.toString());
            return new ContainerRun(name, rootfs, ManagedProcess.start(name, outer, dir, containerEnv, log));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + name, e);
        }
    }

    /** The image's environment with {@code env} on top: all the container gets. */
    private static Map<String, String> environment(ImageArchive image, Map<String, String> env) {
        Map<String, String> all = new LinkedHashMap<>();
        for (String entry : image.env()) {
            int equals = entry.indexOf('=');
            all.put(entry.substring(0, equals), entry.substring(equals + 1));
        }
        all.putAll(env);
        return all;
    }

    /** User and group ids of the image's {@code User} ({@code uid}, {@code uid:gid} or names in its /etc/passwd). */
    static int[] user(String spec, Path rootfs) {
        if (spec.isEmpty()) {
            return new int[] {0, 0};
        }
        String[] parts = spec.split(":", 2);
        String[] passwd = passwdEntry(parts[0], rootfs);
        int uid = Integer.parseInt(passwd == null ? parts[0] : passwd[2]);
        int gid = parts.length > 1 ? Integer.parseInt(parts[1]) : passwd == null ? uid : Integer.parseInt(passwd[3]);
        return new int[] {uid, gid};
    }

    private static String[] passwdEntry(String user, Path rootfs) {
        if (user.chars().allMatch(Character::isDigit)) {
            return null;
        }
        try {
            return Files.readAllLines(rootfs.resolve("etc/passwd")).stream().map(line -> line.split(":"))
                    .filter(fields -> fields[0].equals(user)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("No user " + user + " in the image"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String quote(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }

    /** Waits for the container's command to exit with 0 (a Job's pod). */
    public void awaitExit(Duration timeout) {
        process.awaitExit(timeout);
    }

    public ManagedProcess process() {
        return process;
    }

    /** The container's processes as this host sees them: those whose root directory is the image's root. */
    public List<Long> pids() {
        List<Long> pids = new ArrayList<>();
        try (var entries = Files.list(Path.of("/proc"))) {
            for (Path entry : entries.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .toList()) {
                try {
                    if (Files.readSymbolicLink(entry.resolve("root")).equals(rootfs)) {
                        pids.add(Long.parseLong(entry.getFileName().toString()));
                    }
                } catch (IOException | SecurityException e) {
                    // gone, or not ours to read
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pids;
    }

    public String name() {
        return name;
    }

    /**
     * SIGTERM to the container's processes, as the kubelet sends after preStop; then SIGKILL after a grace time, and
     * to anything still running in the image's root (the container's process drops unshare's parent-death signal
     * when it changes its user).
     */
    @Override
    public void close() {
        process.close();
        pids().forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    }
}
