package io.civitas.testsupport.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One Civitas service run from its packaged application ({@code quarkus-run.jar}) as a child process. */
public final class QuarkusService implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    private final ManagedProcess process;
    private final int port;

    private QuarkusService(ManagedProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts the service with the given configuration (passed as system properties) on a free port, in
     * {@code workDir}, which also holds its log. Does not wait; call {@link #awaitReady()}.
     */
    public static QuarkusService start(String name, Path jar, List<String> jvmOptions, Map<String, String> config,
            Path workDir) {
        return start(name, jar, jvmOptions, config, Map.of(), workDir);
    }

    /**
     * As {@link #start(String, Path, List, Map, Path)}, with secrets given as environment variables (Quarkus's
     * naming, e.g. CIVITAS_WORKER_UPSTREAM_API_KEY) so that they never appear on a command line.
     */
    public static QuarkusService start(String name, Path jar, List<String> jvmOptions, Map<String, String> config,
            Map<String, String> secretEnv, Path workDir) {
        int port = FreePorts.pick();
        List<String> command = new ArrayList<>();
        command.add(ProjectLayout.javaExecutable());
        command.addAll(jvmOptions);
        command.add("-Dquarkus.http.host=127.0.0.1");
        command.add("-Dquarkus.http.port=" + port);
        config.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", jar.toString()));
        Map<String, String> env = new java.util.HashMap<>(ProjectLayout.javaEnv());
        env.putAll(secretEnv);
        ManagedProcess process = ManagedProcess.start(name, command, workDir, env, workDir.resolve(name + ".log"));
        return new QuarkusService(process, port);
    }

    public QuarkusService awaitReady() {
        process.awaitReady(START_TIMEOUT, () -> Http.isOk(url() + "/q/health/ready"));
        return this;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public String name() {
        return process.name();
    }

    /** The service's process id. */
    public long pid() {
        return process.pid();
    }

    public Path log() {
        return process.log();
    }

    @Override
    public void close() {
        process.close();
    }

    /** Kills the service with SIGKILL, as a crash. */
    public void kill() {
        process.kill();
    }
}
