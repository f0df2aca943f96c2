package io.civitas.testsupport.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A throwaway cluster of the machine's PostgreSQL server (Debian's package) in a project-local directory on a
 * loopback port. As root, the server runs as the {@code postgres} user through {@code runuser}, because initdb
 * refuses to run as root.
 */
public final class DebianPostgres implements AutoCloseable {

    private static final Path PG_ROOT = Path.of("/usr/lib/postgresql");
    private static final String SUPERUSER = "postgres";
    private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

    private final Path bin;
    private final Path data;
    private final int port;

    private DebianPostgres(Path bin, Path data, int port) {
        this.bin = bin;
        this.data = data;
        this.port = port;
    }

    /** Initialises a fresh cluster under {@code dir} and starts it; returns once it accepts connections. */
    public static DebianPostgres start(Path dir) {
        Path bin = findBin();
        Path data = dir.resolve("data");
        Path socket = dir.resolve("socket");
        Dirs.recreate(dir);
        int port = FreePorts.pick();
        exec(List.of("install", "-d", "-m", "700", data.toString(), socket.toString()), dir, false);
        if (ROOT) {
            exec(List.of("chown", "-R", SUPERUSER + ":" + SUPERUSER, dir.toString()), dir, false);
        }
        exec(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", SUPERUSER, "--auth=trust",
                "-E", "UTF8", "--locale=C.UTF-8"), dir, true);
        exec(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", data.resolve("server.log").toString(),
                "-w", "-t", "60", "-o", "-p " + port + " -k " + socket + " -c listen_addresses=127.0.0.1"
                        + " -c fsync=off -c synchronous_commit=off -c full_page_writes=off",
                "start"), dir, true);
        return new DebianPostgres(bin, data, port);
    }

    /** Creates a database owned by a new login role of the same name, password = name. */
    public String createDatabase(String name) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), SUPERUSER, "");
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE ROLE " + name + " LOGIN PASSWORD '" + name + "'");
            statement.execute("CREATE DATABASE " + name + " OWNER " + name);
            return jdbcUrl(name);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + name, e);
        }
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    @Override
    public void close() {
        exec(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "fast", "-w", "stop"),
                data.getParent(), true);
    }

    private static Path findBin() {
        try (Stream<Path> versions = Files.list(PG_ROOT)) {
            return versions.map(version -> version.resolve("bin"))
                    .filter(bin -> Files.isExecutable(bin.resolve("initdb")))
                    .max(Comparator.comparing(bin -> Integer.parseInt(bin.getParent().getFileName().toString())))
                    .orElseThrow();
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("PostgreSQL server binaries not found under " + PG_ROOT
                    + " (apt-get install postgresql)", e);
        }
    }

    private static void exec(List<String> command, Path dir, boolean asPostgres) {
        List<String> full = new ArrayList<>();
        if (asPostgres && ROOT) {
            full.addAll(List.of("runuser", "-u", SUPERUSER, "--"));
        }
        full.addAll(command);
        ManagedProcess.start(command.getFirst(), full, dir, java.util.Map.of(), dir.resolve("postgres-tools.log"))
                .awaitExit(Duration.ofMinutes(1));
    }
}
