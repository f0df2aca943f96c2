package io.civitas.systemtest.images;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the kernel says about a container's process (/proc): credentials, capabilities, no_new_privs, whether its
 * root is mounted read-only, and the names (only) of its environment variables.
 */
record ProcessFacts(long pid, int uid, int gid, String groups, boolean noCapabilities, boolean noNewPrivs,
        boolean readOnlyRoot, Set<String> environment) {

    static ProcessFacts of(long pid) {
        Path proc = Path.of("/proc", String.valueOf(pid));
        try {
            Map<String, String> status = new LinkedHashMap<>();
            for (String line : Files.readAllLines(proc.resolve("status"))) {
                int colon = line.indexOf(':');
                status.put(line.substring(0, colon), line.substring(colon + 1).strip());
            }
            // The process's own view: its root is the image, and the last mount on / is the one it sees.
            boolean readOnlyRoot = Files.readAllLines(proc.resolve("mountinfo")).stream()
                    .map(line -> line.split(" ")).filter(fields -> fields[4].equals("/"))
                    .reduce((first, second) -> second)
                    .map(fields -> List.of(fields[5].split(",")).contains("ro")).orElse(false);
            Set<String> environment = new TreeSet<>();
            for (String entry : Files.readString(proc.resolve("environ")).split("\0")) {
                if (!entry.isEmpty()) {
                    environment.add(entry.substring(0, entry.indexOf('=')));
                }
            }
            return new ProcessFacts(pid, Integer.parseInt(status.get("Uid").split("\\s+")[0]),
                    Integer.parseInt(status.get("Gid").split("\\s+")[0]), status.get("Groups"),
                    Long.parseLong(status.get("CapEff"), 16) == 0, "1".equals(status.get("NoNewPrivs")),
                    readOnlyRoot, environment);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + proc, e);
        }
    }

    String describe() {
        return String.format("pid %d: uid %d, gid %d, capabilities %s, no_new_privs %s, root file system %s", pid,
                uid, gid, noCapabilities ? "none" : "SOME", noNewPrivs ? "on" : "OFF",
                readOnlyRoot ? "read-only" : "WRITABLE");
    }
}
