package io.civitas.systemtest.images;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Whether the native code of an unpacked image finds the shared libraries it needs: every ELF file of the root file
 * system (the JVM, its libraries) and every Linux x86-64 glibc library packed in the application's jars (Netty,
 * zstd, lz4, snappy, brotli, the DJL tokenizers: extracted to /tmp and loaded at run time). Each DT_NEEDED entry
 * must resolve through the file's RUNPATH/RPATH ($ORIGIN) or the dynamic loader's default directories (the image
 * has no ld.so.cache), and each program interpreter (PT_INTERP) must exist. Two facts of the JDK are taken into
 * account: the launcher loads {@code lib/server/libjvm.so} before any other JDK library (which name it without a
 * path), and a headless JVM never loads the JDK's X11 and ALSA libraries ({@link #HEADFUL}).
 */
final class NativeLibraries {

    /** Debian's glibc searches these when no ld.so.cache names a library. */
    private static final List<String> DEFAULT_DIRS = List.of("/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu",
            "/lib", "/usr/lib");
    /** JDK libraries a headless server never loads; their X11 and ALSA dependencies are not in the image. */
    static final Map<String, String> HEADFUL = Map.of(
            "libawt_xawt.so", "AWT on an X11 display",
            "libsplashscreen.so", "the launcher's splash screen",
            "libjsound.so", "javax.sound on ALSA");
    private static final int PT_LOAD = 1;
    private static final int PT_DYNAMIC = 2;
    private static final int PT_INTERP = 3;
    private static final long DT_NEEDED = 1;
    private static final long DT_STRTAB = 5;
    private static final long DT_RPATH = 15;
    private static final long DT_RUNPATH = 29;

    /**
     * @param elfFiles ELF files in the root file system
     * @param jarLibraries Linux x86-64 glibc libraries inside the application's jars
     * @param needed distinct libraries found in the system directories (e.g. libc.so.6), not through RPATH/RUNPATH
     * @param headful the {@link #HEADFUL} libraries of the runtime, not checked
     * @param missing what was not found, as {@code file: library}
     */
    record Result(int elfFiles, int jarLibraries, TreeSet<String> needed, TreeSet<String> headful,
            List<String> missing) {
    }

    private NativeLibraries() {
    }

    static Result check(Path rootfs, String javaHome, String appDir) {
        List<String> missing = new ArrayList<>();
        TreeSet<String> needed = new TreeSet<>();
        TreeSet<String> headful = new TreeSet<>();
        String jvm = javaHome + "/lib/server/libjvm.so";
        int elfFiles = 0;
        int jarLibraries = 0;
        try (Stream<Path> files = Files.walk(rootfs)) {
            for (Path file : files.filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)).toList()) {
                String inImage = "/" + rootfs.relativize(file);
                if (isElf(file)) {
                    elfFiles++;
                    Elf elf = Elf.parse(Files.readAllBytes(file));
                    if (inImage.startsWith(javaHome + "/") && HEADFUL.containsKey(file.getFileName().toString())) {
                        headful.add(file.getFileName().toString());
                    } else if (elf != null) {
                        if (inImage.startsWith(javaHome + "/") && exists(rootfs, jvm)) {
                            elf = elf.without("libjvm.so");
                        }
                        resolve(rootfs, inImage, parent(inImage), elf, needed, missing);
                    }
                } else if (inImage.startsWith(appDir + "/") && inImage.endsWith(".jar")) {
                    jarLibraries += checkJar(rootfs, file, inImage, needed, missing);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Result(elfFiles, jarLibraries, needed, headful, missing);
    }

    private static int checkJar(Path rootfs, Path jar, String inImage, TreeSet<String> needed, List<String> missing)
            throws IOException {
        int count = 0;
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                String name = entry.getName().toLowerCase(Locale.ROOT);
                if (!name.endsWith(".so") || !name.contains("linux") || name.contains("musl")
                        || !(name.contains("x86_64") || name.contains("amd64") || name.contains("x86-64"))) {
                    continue;
                }
                try (InputStream in = zip.getInputStream(entry)) {
                    Elf elf = Elf.parse(in.readAllBytes());
                    if (elf != null && elf.machine == 62) {
                        count++;
                        // Loaded from a temporary directory: only the system directories can serve it.
                        resolve(rootfs, inImage + "!/" + entry.getName(), "/nonexistent", elf, needed, missing);
                    }
                }
            }
        }
        return count;
    }

    private static void resolve(Path rootfs, String name, String origin, Elf elf, TreeSet<String> needed,
            List<String> missing) {
        if (elf.interpreter != null && !exists(rootfs, elf.interpreter)) {
            missing.add(name + ": interpreter " + elf.interpreter);
        }
        List<String> ownDirs = new ArrayList<>();
        for (String entry : elf.searchPath) {
            ownDirs.add(entry.replace("${ORIGIN}", origin).replace("$ORIGIN", origin));
        }
        for (String library : elf.needed) {
            if (ownDirs.stream().anyMatch(dir -> exists(rootfs, dir + "/" + library))) {
                continue;
            }
            if (DEFAULT_DIRS.stream().anyMatch(dir -> exists(rootfs, dir + "/" + library))) {
                needed.add(library);
            } else {
                missing.add(name + ": " + library);
            }
        }
    }

    /** Whether {@code path} exists in the image, following links inside the image (absolute ones from its root). */
    static boolean exists(Path rootfs, String path) {
        Path current = rootfs.resolve(path.substring(1)).normalize();
        for (int hops = 0; hops < 40; hops++) {
            if (!current.startsWith(rootfs) || !Files.exists(current, LinkOption.NOFOLLOW_LINKS)) {
                return false;
            }
            if (!Files.isSymbolicLink(current)) {
                return true;
            }
            try {
                String target = Files.readSymbolicLink(current).toString();
                current = (target.startsWith("/") ? rootfs.resolve(target.substring(1))
                        : current.getParent().resolve(target)).normalize();
            } catch (IOException e) {
                return false;
            }
        }
        return false;
    }

    private static boolean isElf(Path file) throws IOException {
        if (Files.size(file) < 64) {
            return false;
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] magic = in.readNBytes(4);
            return magic[0] == 0x7f && magic[1] == 'E' && magic[2] == 'L' && magic[3] == 'F';
        }
    }

    private static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }

    /** The dynamic-linking facts of a 64-bit little-endian ELF file, read through its program headers. */
    private record Elf(int machine, String interpreter, List<String> needed, List<String> searchPath) {

        Elf without(String library) {
            return new Elf(machine, interpreter, needed.stream().filter(name -> !name.equals(library)).toList(),
                    searchPath);
        }

        static Elf parse(byte[] bytes) {
            ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            if (bytes.length < 64 || b.getInt(0) != 0x464c457f || bytes[4] != 2 || bytes[5] != 1) {
                return null; // not ELF64 little-endian: nothing the image's x86-64 loader would load
            }
            int machine = b.getShort(0x12) & 0xffff;
            long phoff = b.getLong(0x20);
            int phentsize = b.getShort(0x36) & 0xffff;
            int phnum = b.getShort(0x38) & 0xffff;
            String interpreter = null;
            long dynamic = -1;
            List<long[]> loads = new ArrayList<>();
            for (int i = 0; i < phnum; i++) {
                int ph = (int) (phoff + (long) i * phentsize);
                int type = b.getInt(ph);
                long offset = b.getLong(ph + 8);
                if (type == PT_INTERP) {
                    interpreter = string(bytes, offset);
                } else if (type == PT_DYNAMIC) {
                    dynamic = offset;
                } else if (type == PT_LOAD) {
                    loads.add(new long[] {b.getLong(ph + 16), offset, b.getLong(ph + 32)});
                }
            }
            List<Long> neededOffsets = new ArrayList<>();
            List<Long> pathOffsets = new ArrayList<>();
            long strtab = -1;
            for (long entry = dynamic; dynamic >= 0 && entry + 16 <= bytes.length; entry += 16) {
                long tag = b.getLong((int) entry);
                long value = b.getLong((int) entry + 8);
                if (tag == 0) {
                    break;
                } else if (tag == DT_NEEDED) {
                    neededOffsets.add(value);
                } else if (tag == DT_STRTAB) {
                    strtab = fileOffset(loads, value);
                } else if (tag == DT_RPATH || tag == DT_RUNPATH) {
                    pathOffsets.add(value);
                }
            }
            List<String> needed = new ArrayList<>();
            List<String> searchPath = new ArrayList<>();
            if (strtab >= 0) {
                for (long offset : neededOffsets) {
                    needed.add(string(bytes, strtab + offset));
                }
                for (long offset : pathOffsets) {
                    searchPath.addAll(List.of(string(bytes, strtab + offset).split(":")));
                }
            }
            return new Elf(machine, interpreter, needed, searchPath);
        }

        private static long fileOffset(List<long[]> loads, long address) {
            for (long[] load : loads) {
                if (address >= load[0] && address < load[0] + load[2]) {
                    return address - load[0] + load[1];
                }
            }
            return -1;
        }

        private static String string(byte[] bytes, long offset) {
            int end = (int) offset;
            while (end < bytes.length && bytes[end] != 0) {
                end++;
            }
            return new String(bytes, (int) offset, end - (int) offset, StandardCharsets.US_ASCII);
        }
    }
}
