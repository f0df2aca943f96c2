package io.civitas.systemtest.images;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.civitas.systemtest.AdminClient;
import io.civitas.systemtest.AuditSigningKey;
import io.civitas.systemtest.GatewayClient;
import io.civitas.systemtest.images.ContainerRun.Volume;
import io.civitas.testsupport.process.DebianPostgres;
import io.civitas.testsupport.process.FreePorts;
import io.civitas.testsupport.process.KafkaBroker;
import io.civitas.testsupport.process.KeycloakServer;
import io.civitas.testsupport.process.ProjectLayout;

/**
 * Checks the service images {@code ./civitas images} wrote, without a container engine, and prints what it checked.
 * Each image's layers are unpacked in order; then, statically: its user, working directory and entrypoint, the
 * Java runtime ({@code java -version} run inside it), its native libraries and the JDK modules its classes use.
 * Then the five images run together as the chart runs them ({@link ContainerRun}: read-only root, the chart's
 * volumes and environment) against PostgreSQL, a Kafka broker and Keycloak on this host: each database owner's
 * migration first, as the chart's hook Job does, then the services, which must all report ready; finally one chat
 * completion through the gateway image, which must be answered, billed by billing-service and audited by
 * audit-service. Needs root. Run by {@code ./civitas images}: {@code ImageCheck <images dir>}.
 */
public final class ImageCheck {

    /** In start order: the gateway needs tenant-service and the worker. */
    static final List<String> SERVICES = List.of("inference-worker", "tenant-service", "billing-service",
            "audit-service", "gateway");
    private static final String APP_DIR = "/deployments";
    private static final String MODEL = "civitas-tiny";
    private static final String REGION = "local";
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Path imagesDir;
    private final Path runDir;
    private final Map<String, ImageArchive> images = new LinkedHashMap<>();
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final Map<String, ContainerRun> running = new LinkedHashMap<>();
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private int failures;

    private ImageCheck(Path imagesDir) {
        this.imagesDir = imagesDir;
        this.runDir = imagesDir.resolve("check");
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: ImageCheck <directory holding the image tars>");
            System.exit(2);
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            System.err.println("The image check runs the images in mount namespaces and chroots: run it as root.");
            System.exit(2);
        }
        ImageCheck check = new ImageCheck(Path.of(args[0]).toAbsolutePath().normalize());
        Instant begin = Instant.now();
        try {
            check.run();
        } catch (RuntimeException e) {
            check.failures++;
            System.out.println("FAILED: " + e.getMessage());
        } finally {
            check.stopAll();
        }
        long seconds = Duration.between(begin, Instant.now()).toSeconds();
        if (check.failures > 0) {
            System.out.printf("%nImage check FAILED (%d problem(s), %d s); logs under %s%n", check.failures, seconds,
                    check.runDir);
            System.exit(1);
        }
        System.out.printf("%nImage check passed: five images, %d s; logs under %s%n", seconds, check.runDir);
    }

    private void run() {
        System.out.println("Checking the images in " + imagesDir + " without a container engine: layers unpacked in"
                + " order, commands run in a chroot.");
        for (String service : SERVICES) {
            inspect(service);
        }
        if (failures > 0) {
            throw new IllegalStateException("the images are incomplete; not starting them");
        }
        runPlatform();
    }

    // --- One image, statically --------------------------------------------------------------------------------

    private void inspect(String service) {
        Path tar = imagesDir.resolve(service + ".tar");
        ImageArchive image = ImageArchive.read(tar);
        images.put(service, image);
        Path rootfs = rootfs(service);
        String javaHome = env(image, "JAVA_HOME");
        int whiteouts = image.unpack(rootfs, runDir.resolve(service).resolve("layers"));
        System.out.printf("%n%s  %s (%d MB)%n", image.reference(), imagesDir.relativize(tar), size(tar) >> 20);
        System.out.printf("  image id %s, %d layers (%d whiteouts), %d MB unpacked%n", image.configDigest(),
                image.layerCount(), whiteouts, size(rootfs) >> 20);
        expect(image.reference().startsWith("civitas/" + service + ":"), "is named civitas/" + service);
        int[] user = ContainerRun.user(image.user(), rootfs);
        System.out.printf("  user %s, working directory %s, entrypoint %s%n", image.user(), image.workingDir(),
                image.command());
        expect(user[0] == 185 && user[1] == 185, "runs as 185:185 (the chart's runAsUser/runAsGroup)");
        expect(image.workingDir().equals(APP_DIR) && Files.isRegularFile(rootfs.resolve("deployments/quarkus-run.jar")),
                "has the Quarkus application under " + APP_DIR);

        ContainerRun version = ContainerRun.start(service + "-java-version", image, rootfs,
                List.of("java", "-version"), Map.of(), List.of(Volume.emptyDir("/tmp")), logFile(service,
                        "java-version"));
        version.awaitExit(Duration.ofMinutes(1));
        String versionLine = firstLine(version.process().log());
        System.out.printf("  java -version in the image: %s (%s)%n", versionLine, image.label("io.civitas.base.java"));
        expect(versionLine.contains("\"25"), "runs Java 25");

        NativeLibraries.Result natives = NativeLibraries.check(rootfs, javaHome, APP_DIR);
        System.out.printf("  native code: %d ELF files in the image, %d Linux x86-64 libraries in the jars; all find"
                + " what they load (%s); not checked, never loaded headless: %s%n", natives.elfFiles(),
                natives.jarLibraries(), String.join(" ", natives.needed()), String.join(" ", natives.headful()));
        expect(natives.missing().isEmpty(), "has every shared library its native code needs: missing "
                + natives.missing());

        JavaModules.Result modules = JavaModules.check(rootfs, javaHome, APP_DIR);
        System.out.printf("  Java modules: the application's classes refer to %d JDK modules; the runtime has %d%s%n",
                modules.used().size(), modules.runtime().size(), modules.tolerated().isEmpty() ? ""
                        : "; not in it, referred to only by code that never runs in a service: "
                                + String.join(", ", modules.tolerated()));
        expect(modules.missing().isEmpty(), "has every JDK module the application refers to: missing "
                + modules.missing());
    }

    // --- The five images together, as the chart runs them -----------------------------------------------------

    private void runPlatform() {
        System.out.printf("%nRunning the images as the chart does: read-only root file system, tmpfs where the chart"
                + " mounts emptyDirs, Secret and ConfigMap files mounted read-only, the chart's environment.%n");
        ProjectLayout layout = ProjectLayout.locate();
        layout.infraReady();
        KeycloakServer keycloak = track(KeycloakServer.start(layout.keycloakHome(), FreePorts.pick(),
                runDir.resolve("keycloak.log")));
        DebianPostgres postgres = track(DebianPostgres.start(runDir.resolve("postgres")));
        KafkaBroker kafka = track(KafkaBroker.start(layout.kafkaClasspath(), runDir.resolve("kafka")));
        System.out.println("  on this host: PostgreSQL " + postgres.jdbcUrl("") + ", Kafka " + kafka.bootstrapServers()
                + ", Keycloak " + keycloak.realmUrl());
        for (String service : SERVICES) {
            ports.put(service, FreePorts.pick());
        }

        startService("inference-worker", workerEnv(), workerVolumes());
        keycloak.awaitReady();
        Map<String, String> databases = new LinkedHashMap<>();
        for (String service : List.of("tenant-service", "billing-service", "audit-service")) {
            String database = "civitas_" + service.substring(0, service.indexOf('-'));
            databases.put(service, database);
            Map<String, String> env = databaseServiceEnv(service, postgres.createDatabase(database), database,
                    keycloak.realmUrl(), kafka.bootstrapServers());
            migrate(service, env);
            env.put("QUARKUS_HTTP_PORT", String.valueOf(ports.get(service)));
            env.put("QUARKUS_SHUTDOWN_TIMEOUT", "30s");
            env.put("QUARKUS_FLYWAY_MIGRATE_AT_START", "false");
            env.put("QUARKUS_FLYWAY_VALIDATE_AT_START", "true");
            startService(service, env, databaseServiceVolumes(service));
        }
        awaitReady("inference-worker");
        awaitReady("tenant-service");
        startService("gateway", gatewayEnv(kafka.bootstrapServers()), List.of(Volume.emptyDir("/tmp"),
                Volume.emptyDir("/var/lib/civitas-gateway")));
        for (String service : List.of("billing-service", "audit-service", "gateway")) {
            awaitReady(service);
        }
        endToEnd(keycloak, postgres, databases);
    }

    private void startService(String service, Map<String, String> env, List<Volume> volumes) {
        ContainerRun container = track(ContainerRun.start(service, images.get(service), rootfs(service),
                images.get(service).command(), env, volumes, logFile(service, service)));
        running.put(service, container);
    }

    /** The chart's migration hook Job: the service's image with QUARKUS_INIT_AND_EXIT, which must exit with 0. */
    private void migrate(String service, Map<String, String> env) {
        Map<String, String> jobEnv = new LinkedHashMap<>(env);
        jobEnv.put("QUARKUS_INIT_AND_EXIT", "true");
        jobEnv.put("QUARKUS_FLYWAY_MIGRATE_AT_START", "true");
        Instant begin = Instant.now();
        try (ContainerRun job = ContainerRun.start(service + "-migration", images.get(service), rootfs(service),
                images.get(service).command(), jobEnv, databaseServiceVolumes(service),
                logFile(service, service + "-migration"))) {
            job.awaitExit(Duration.ofMinutes(3));
        }
        System.out.printf("  %-17s migration Job (QUARKUS_INIT_AND_EXIT=true, Flyway migrate): exited with 0 after %.1f s%n",
                service, Duration.between(begin, Instant.now()).toMillis() / 1000.0);
    }

    private void awaitReady(String service) {
        Instant begin = Instant.now();
        ContainerRun container = running.get(service);
        String url = "http://127.0.0.1:" + ports.get(service);
        container.process().awaitReady(READY_TIMEOUT, () -> status(url + "/q/health/ready") == 200);
        List<Long> pids = container.pids();
        expect(pids.size() == 1, service + " runs one process in its chroot (found " + pids + ")");
        String facts = pids.isEmpty() ? "" : ProcessFacts.of(pids.getFirst()).describe();
        JsonNode health = get(url + "/q/health");
        String checks = health == null ? "?" : health.path("checks").findValuesAsText("name").stream()
                .collect(Collectors.joining(", "));
        System.out.printf("  %-17s ready after %.1f s on :%d; %s%n      /q/health: %s (%s)%n", service,
                Duration.between(begin, Instant.now()).toMillis() / 1000.0, ports.get(service), facts,
                health == null ? "?" : health.path("status").asText(), checks);
        expect(health != null && health.path("status").asText().equals("UP"), service + " reports UP");
        if (!pids.isEmpty()) {
            ProcessFacts process = ProcessFacts.of(pids.getFirst());
            expect(process.uid() == 185 && process.gid() == 185, service + " runs as 185:185");
            expect(process.noCapabilities() && process.noNewPrivs(), service + " has no capabilities, no_new_privs");
            expect(process.readOnlyRoot(), service + " has a read-only root file system");
        }
    }

    /** A tenant and key through tenant-service, one chat completion through the gateway, billed and audited. */
    private void endToEnd(KeycloakServer keycloak, DebianPostgres postgres, Map<String, String> databases) {
        AdminClient admin = new AdminClient("http://127.0.0.1:" + ports.get("tenant-service"), keycloak.tokenUrl());
        String token = admin.token(KeycloakServer.ADMIN_CLIENT, KeycloakServer.ADMIN_CLIENT_SECRET);
        String key = admin.tenantWithKey(token, "image-check", List.of(MODEL), List.of(REGION));
        HttpResponse<String> answer = new GatewayClient("http://127.0.0.1:" + ports.get("gateway"))
                .chat(key, MODEL, "Hello from the image check", false);
        expect(answer.statusCode() == 200, "the gateway answers a chat completion with 200, not "
                + answer.statusCode() + ": " + answer.body());
        if (answer.statusCode() != 200) {
            return;
        }
        JsonNode completion = AdminClient.parse(answer.body());
        String requestId = GatewayClient.requestId(answer);
        int completionTokens = completion.at("/usage/completion_tokens").asInt();
        System.out.printf("%nEnd to end through the images: tenant and API key created on tenant-service (Keycloak"
                + " token); POST /v1/chat/completions on the gateway (key resolved by tenant-service, generated by the"
                + " inference-worker): 200, %d completion tokens, request %s%n", completionTokens, requestId);
        expect(completionTokens > 0, "the completion has tokens");
        Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
        int ledger = 0;
        int audit = 0;
        while (Instant.now().isBefore(deadline) && (ledger == 0 || audit == 0)) {
            ledger = count(postgres, databases.get("billing-service"), "usage_ledger", requestId);
            audit = count(postgres, databases.get("audit-service"), "audit_entry", requestId);
            sleep(500);
        }
        System.out.printf("  billing-service recorded it in usage_ledger (%d row), audit-service in audit_entry (%d"
                + " entries), both through Kafka%n", ledger, audit);
        expect(ledger == 1, "billing-service recorded the request once");
        expect(audit >= 1, "audit-service recorded the request");
    }

    // --- The chart's environment and volumes per service (helm/civitas/templates) -------------------------------

    private Map<String, String> workerEnv() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_HTTP_PORT", String.valueOf(ports.get("inference-worker")));
        env.put("JDK_JAVA_OPTIONS", "--add-modules=jdk.incubator.vector -XX:MaxRAMPercentage=75");
        env.put("CIVITAS_WORKER_ID", "inference-worker-image-check");
        env.put("CIVITAS_WORKER_NODE", hostName());
        env.put("CIVITAS_WORKER_REGION", REGION);
        env.put("CIVITAS_WORKER_DATA_DIR", "/var/lib/civitas-worker");
        env.put("CIVITAS_WORKER_ENGINE_THREADS", "2");
        env.put("CIVITAS_WORKER_DRAIN_GRACE_SECONDS", "30");
        return env;
    }

    /** The default pool's volumes; its ConfigMap (workers.yaml) names the generated model in /models. */
    private List<Volume> workerVolumes() {
        Path config = runDir.resolve("inference-worker/config");
        String model = "civitas.worker.models.\"" + MODEL + "\"";
        write(config.resolve("application.properties"), model + ".engine=jlama\n" + model + ".dir=/models\n" + model
                + ".generate-if-missing=true\n", "rw-r--r--");
        return List.of(Volume.emptyDir("/models"), Volume.emptyDir("/var/lib/civitas-worker"),
                Volume.emptyDir("/tmp"), Volume.readOnly(APP_DIR + "/config", config));
    }

    private Map<String, String> databaseServiceEnv(String service, String jdbcUrl, String database, String oidc,
            String kafka) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("JDK_JAVA_OPTIONS", "-XX:MaxRAMPercentage=75");
        env.put("QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl);
        env.put("QUARKUS_DATASOURCE_USERNAME", database);
        env.put("QUARKUS_DATASOURCE_PASSWORD", database);
        env.put("QUARKUS_OIDC_AUTH_SERVER_URL", oidc);
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka);
        switch (service) {
            case "tenant-service" -> env.put("CIVITAS_TENANT_KEYS_PEPPER", randomSecret());
            case "billing-service" -> env.put("QUARKUS_OIDC_TENANT_ENABLED", "true");
            case "audit-service" -> env.put("CIVITAS_AUDIT_SIGNING_PRIVATE_KEY_FILE",
                    "/etc/civitas/audit-signing/signing-key.pem");
            default -> throw new IllegalArgumentException(service);
        }
        return env;
    }

    private List<Volume> databaseServiceVolumes(String service) {
        if (!service.equals("audit-service")) {
            return List.of(Volume.emptyDir("/tmp"));
        }
        // The Secret volume: defaultMode 0440, group fsGroup (185).
        Path secret = runDir.resolve("audit-service/signing-key");
        if (!Files.exists(secret.resolve("signing-key.pem"))) {
            AuditSigningKey key = AuditSigningKey.generate(runDir.resolve("audit-service/generated-key"));
            try {
                Files.createDirectories(secret);
                Files.move(key.privateKeyFile(), secret.resolve("signing-key.pem"));
                Files.setAttribute(secret.resolve("signing-key.pem"), "unix:gid", ContainerRun.FS_GROUP);
                Files.setPosixFilePermissions(secret.resolve("signing-key.pem"),
                        PosixFilePermissions.fromString("r--r-----"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return List.of(Volume.emptyDir("/tmp"), Volume.readOnly("/etc/civitas/audit-signing", secret));
    }

    private Map<String, String> gatewayEnv(String kafka) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_HTTP_PORT", String.valueOf(ports.get("gateway")));
        env.put("JDK_JAVA_OPTIONS", "-XX:MaxRAMPercentage=75");
        env.put("QUARKUS_SHUTDOWN_TIMEOUT", "120s");
        env.put("QUARKUS_GRPC_CLIENTS_TENANT_HOST", "127.0.0.1");
        env.put("QUARKUS_GRPC_CLIENTS_TENANT_PORT", String.valueOf(ports.get("tenant-service")));
        env.put("QUARKUS_GRPC_CLIENTS_WORKER_HOST", "127.0.0.1");
        env.put("QUARKUS_GRPC_CLIENTS_WORKER_PORT", String.valueOf(ports.get("inference-worker")));
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka);
        env.put("CIVITAS_GATEWAY_LIMITS_REPLICAS", "1");
        env.put("CIVITAS_GATEWAY_EVENTS_SPOOL_DIR", "/var/lib/civitas-gateway/spool");
        return env;
    }

    // --- Helpers ---------------------------------------------------------------------------------------------

    private void expect(boolean condition, String what) {
        if (!condition) {
            failures++;
            System.out.println("  FAILED: " + what);
        }
    }

    private <T extends AutoCloseable> T track(T component) {
        started.push(component);
        return component;
    }

    private void stopAll() {
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                System.err.println("Stopping a component failed: " + e.getMessage());
            }
        }
    }

    private Path rootfs(String service) {
        return runDir.resolve(service).resolve("rootfs");
    }

    private Path logFile(String service, String name) {
        return runDir.resolve(service).resolve("logs").resolve(name + ".log");
    }

    private static String env(ImageArchive image, String name) {
        return image.env().stream().filter(entry -> entry.startsWith(name + "=")).findFirst()
                .map(entry -> entry.substring(name.length() + 1))
                .orElseThrow(() -> new IllegalStateException(image.reference() + " sets no " + name));
    }

    private static int count(DebianPostgres postgres, String database, String table, String requestId) {
        try (Connection db = DriverManager.getConnection(postgres.jdbcUrl(database), database, database);
                PreparedStatement query = db.prepareStatement("SELECT count(*) FROM " + table
                        + " WHERE request_id = ?")) {
            query.setString(1, requestId);
            try (ResultSet result = query.executeQuery()) {
                result.next();
                return result.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read " + table, e);
        }
    }

    private static int status(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static JsonNode get(String url) {
        try {
            return JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5))
                    .build(), HttpResponse.BodyHandlers.ofString()).body());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static String firstLine(Path log) {
        try {
            return Files.readAllLines(log).stream().filter(line -> line.contains("version")).findFirst().orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }

    private static long size(Path path) {
        try (var files = Files.walk(path)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String content, String permissions) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    private static String randomSecret() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** What the kernel says about a container's process: credentials, capabilities, its root mount. */
    record ProcessFacts(long pid, int uid, int gid, String groups, boolean noCapabilities, boolean noNewPrivs,
            boolean readOnlyRoot, List<String> environment) {

        static ProcessFacts of(long pid) {
            Path proc = Path.of("/proc", String.valueOf(pid));
            try {
                Map<String, String> status = new LinkedHashMap<>();
                for (String line : Files.readAllLines(proc.resolve("status"))) {
                    int colon = line.indexOf(':');
                    status.put(line.substring(0, colon), line.substring(colon + 1).strip());
                }
                boolean readOnlyRoot = Files.readAllLines(proc.resolve("mountinfo")).stream()
                        .map(line -> line.split(" ")).filter(fields -> fields[4].equals("/"))
                        .reduce((first, second) -> second) // the topmost mount on /
                        .map(fields -> List.of(fields[5].split(",")).contains("ro")).orElse(false);
                List<String> environment = new ArrayList<>();
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
            return String.format("pid %d: uid %d gid %d groups [%s], capabilities %s, no_new_privs %s, root %s,"
                    + " environment %s", pid, uid, gid, groups, noCapabilities ? "none" : "SOME",
                    noNewPrivs ? "on" : "OFF", readOnlyRoot ? "read-only" : "WRITABLE", environment);
        }
    }
}
