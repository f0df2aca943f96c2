package io.civitas.systemtest.images;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.civitas.systemtest.AdminClient;
import io.civitas.systemtest.GatewayClient;
import io.civitas.testsupport.process.DebianPostgres;
import io.civitas.testsupport.process.FreePorts;
import io.civitas.testsupport.process.KafkaBroker;
import io.civitas.testsupport.process.KeycloakServer;
import io.civitas.testsupport.process.ProjectLayout;

/**
 * Checks the service images {@code ./civitas images} wrote, without a container engine, and prints what it checked.
 * Each image's layers are unpacked in order; then, statically: its name, user, working directory and entrypoint,
 * the Java runtime ({@code java -version} run inside it), its native libraries and the JDK modules its classes use.
 * Then the five images run together as the chart runs them ({@link ContainerRun}, {@link ChartContainers}) against
 * PostgreSQL, a Kafka broker and Keycloak on this host: each database owner's migration Job first, then the
 * services, which must all report ready as the image's user, without capabilities, on a read-only root; finally a
 * chat completion through the gateway image, which must be answered, billed by billing-service and audited by
 * audit-service. Needs root. Run by {@code ./civitas images} as {@code ImageCheck <images dir>}.
 */
public final class ImageCheck {

    /** In start order: the gateway needs tenant-service and the worker. */
    static final List<String> SERVICES = List.of("inference-worker", "tenant-service", "billing-service",
            "audit-service", "gateway");
    private static final String APP_DIR = "/deployments";
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Path imagesDir;
    private final Path runDir;
    private final ChartContainers chart;
    private final Map<String, ImageArchive> images = new LinkedHashMap<>();
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final Map<String, ContainerRun> running = new LinkedHashMap<>();
    private final Map<String, Instant> startedAt = new LinkedHashMap<>();
    private final Map<String, Set<String>> expectedEnvironment = new LinkedHashMap<>();
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private int failures;

    private ImageCheck(Path imagesDir) {
        this.imagesDir = imagesDir;
        this.runDir = imagesDir.resolve("check");
        this.chart = new ChartContainers(runDir);
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
        Runtime.getRuntime().addShutdownHook(new Thread(check::stopAll));
        Instant begin = Instant.now();
        try {
            check.run();
        } catch (RuntimeException e) {
            check.fail(e.getMessage());
        } finally {
            check.stopAll();
        }
        long seconds = Duration.between(begin, Instant.now()).toSeconds();
        if (check.failures > 0) {
            System.out.printf("%nImage check FAILED (%d problem(s), %d s); logs under %s%n", check.failures, seconds,
                    check.runDir);
            System.exit(1);
        }
        System.out.printf("%nImage check passed: %d images, %d s; logs under %s%n", SERVICES.size(), seconds,
                check.runDir);
    }

    private void run() {
        ImageArchive.delete(runDir);
        System.out.println("Checking the images in " + imagesDir + " without a container engine: layers unpacked in"
                + " order, commands run in chroots.");
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
        String javaHome = imageEnv(image).get("JAVA_HOME");
        int whiteouts = image.unpack(rootfs, runDir.resolve(service).resolve("layers"));
        System.out.printf("%n%s  %s (%d MB)%n", image.reference(), imagesDir.relativize(tar), size(tar) >> 20);
        System.out.printf("  image id %s, %d layers (%d whiteouts), %d MB unpacked%n", image.configDigest(),
                image.layerCount(), whiteouts, size(rootfs) >> 20);
        // The repository is civitas/<service>, behind a registry when the archive came from one.
        expect(image.reference().matches("([^/]+/)?civitas/" + java.util.regex.Pattern.quote(service) + ":[^/]+"),
                "is named civitas/" + service);
        int[] user = ContainerRun.user(image.user(), rootfs);
        System.out.printf("  user %s, working directory %s, command %s, environment %s%n", image.user(),
                image.workingDir(), image.command(), image.env());
        expect(user[0] == 185 && user[1] == 185, "runs as 185:185 (the chart's runAsUser/runAsGroup)");
        expect(image.workingDir().equals(APP_DIR) && Files.isRegularFile(rootfs.resolve("deployments/quarkus-run.jar")),
                "has the Quarkus application under " + APP_DIR);
        expect(javaHome != null, "sets JAVA_HOME");

        try (ContainerRun version = ContainerRun.start(service + "-java-version", image, rootfs,
                List.of("java", "-version"), Map.of(), List.of(ContainerRun.Volume.emptyDir("/tmp")),
                logFile(service, "java-version"))) {
            version.awaitExit(Duration.ofMinutes(1));
            String versionLine = firstLineWith(version.process().log(), "version");
            System.out.printf("  java -version in the image: %s (%s)%n", versionLine,
                    image.label("io.civitas.base.java"));
            expect(versionLine.contains("\"25"), "runs Java 25");
        }

        NativeLibraries.Result natives = NativeLibraries.check(rootfs, javaHome, APP_DIR);
        System.out.printf("  native code: %d ELF files in the image, %d Linux x86-64 libraries in the jars; all find"
                + " what they load (%s); not checked, never loaded headless: %s%n", natives.elfFiles(),
                natives.jarLibraries(), String.join(" ", natives.needed()), String.join(" ", natives.headful()));
        expect(natives.missing().isEmpty(), "has every shared library its native code needs: missing "
                + natives.missing());

        JavaModules.Result modules = JavaModules.check(rootfs, javaHome, APP_DIR);
        List<String> tolerated = modules.tolerated().stream()
                .map(module -> module + " (" + JavaModules.UNUSED_AT_RUN_TIME.get(module) + ")").toList();
        System.out.printf("  Java modules: the application's classes refer to %d JDK modules, the runtime has %d;"
                + " all there%s%n", modules.used().size(), modules.runtime().size(), tolerated.isEmpty() ? ""
                        : " but " + String.join(", ", tolerated) + ", referred to only by code that never runs in a"
                                + " service");
        expect(modules.missing().isEmpty(), "has every JDK module the application refers to: missing "
                + modules.missing());
    }

    // --- The five images together, as the chart runs them -----------------------------------------------------

    private void runPlatform() {
        System.out.printf("%nRunning the images as the chart does: read-only root file system, tmpfs where the chart"
                + " mounts emptyDirs, its Secret and ConfigMap files read-only, its environment, no capabilities.%n");
        ProjectLayout layout = ProjectLayout.locate();
        layout.infraReady();
        KeycloakServer keycloak = track(KeycloakServer.start(layout.keycloakHome(), FreePorts.pick(),
                runDir.resolve("keycloak.log")));
        DebianPostgres postgres = track(DebianPostgres.start(runDir.resolve("postgres")));
        KafkaBroker kafka = track(KafkaBroker.start(layout.kafkaClasspath(), runDir.resolve("kafka")));
        System.out.println("  on this host: PostgreSQL " + postgres.jdbcUrl("") + ", Kafka " + kafka.bootstrapServers()
                + ", Keycloak " + keycloak.realmUrl());
        SERVICES.forEach(service -> ports.put(service, FreePorts.pick()));

        startService("inference-worker", chart.workerEnv(ports.get("inference-worker")), chart.workerVolumes());
        keycloak.awaitReady();
        Map<String, String> databases = new LinkedHashMap<>();
        for (String service : List.of("tenant-service", "billing-service", "audit-service")) {
            String database = "civitas_" + service.substring(0, service.indexOf('-'));
            databases.put(service, database);
            Map<String, String> env = chart.databaseServiceEnv(service, postgres.createDatabase(database), database,
                    keycloak.realmUrl(), kafka.bootstrapServers());
            migrate(service, ChartContainers.migrationJobEnv(env));
            startService(service, ChartContainers.databaseServiceDeploymentEnv(env, ports.get(service)),
                    chart.databaseServiceVolumes(service));
        }
        awaitReady("inference-worker");
        awaitReady("tenant-service");
        startService("gateway", chart.gatewayEnv(ports.get("gateway"), ports.get("tenant-service"),
                ports.get("inference-worker"), kafka.bootstrapServers()), chart.gatewayVolumes());
        for (String service : List.of("billing-service", "audit-service", "gateway")) {
            awaitReady(service);
        }
        endToEnd(keycloak, postgres, databases);
    }

    private void startService(String service, Map<String, String> env, List<ContainerRun.Volume> volumes) {
        ImageArchive image = images.get(service);
        Set<String> expected = new TreeSet<>(imageEnv(image).keySet());
        expected.addAll(env.keySet());
        expectedEnvironment.put(service, expected);
        startedAt.put(service, Instant.now());
        running.put(service, track(ContainerRun.start(service, image, rootfs(service), image.command(), env, volumes,
                logFile(service, service))));
    }

    /** The chart's migration hook Job: the service's image with QUARKUS_INIT_AND_EXIT, which must exit with 0. */
    private void migrate(String service, Map<String, String> env) {
        Instant begin = Instant.now();
        ImageArchive image = images.get(service);
        try (ContainerRun job = ContainerRun.start(service + "-migration", image, rootfs(service), image.command(),
                env, chart.databaseServiceVolumes(service), logFile(service, service + "-migration"))) {
            job.awaitExit(Duration.ofMinutes(3));
        }
        System.out.printf("  %-16s migration Job (QUARKUS_INIT_AND_EXIT, Flyway migrate at start): exited with 0"
                + " after %.1f s%n", service, seconds(begin));
    }

    private void awaitReady(String service) {
        ContainerRun container = running.get(service);
        String url = "http://127.0.0.1:" + ports.get(service);
        container.process().awaitReady(READY_TIMEOUT, () -> status(url + "/q/health/ready") == 200);
        double after = seconds(startedAt.get(service));
        JsonNode health = get(url + "/q/health");
        String status = health == null ? "no answer" : health.path("status").asText();
        System.out.printf("  %-16s /q/health/ready 200 within %.1f s of its start, /q/health %s (%s)%n", service, after,
                status, health == null ? "" : String.join(", ", health.path("checks").findValuesAsText("name")));
        expect("UP".equals(status), service + " reports UP");
        List<Long> pids = container.pids();
        expect(pids.size() == 1, service + " runs one process in its root (found " + pids + ")");
        if (pids.size() == 1) {
            ProcessFacts process = ProcessFacts.of(pids.getFirst());
            System.out.printf("  %-16s %s; environment: exactly the image's and the chart's variables%s%n", "",
                    process.describe(), process.environment().equals(expectedEnvironment.get(service)) ? ""
                            : " NOT: " + process.environment());
            expect(process.uid() == 185 && process.gid() == 185, service + " runs as 185:185");
            expect(process.noCapabilities() && process.noNewPrivs(), service + " has no capabilities, no_new_privs");
            expect(process.readOnlyRoot(), service + " has a read-only root file system");
            expect(process.environment().equals(expectedEnvironment.get(service)), service
                    + " sees only the image's and the chart's environment variables");
        }
    }

    /** A tenant and key through tenant-service, one chat completion through the gateway, billed and audited. */
    private void endToEnd(KeycloakServer keycloak, DebianPostgres postgres, Map<String, String> databases) {
        AdminClient admin = new AdminClient("http://127.0.0.1:" + ports.get("tenant-service"), keycloak.tokenUrl());
        String token = admin.token(KeycloakServer.ADMIN_CLIENT, KeycloakServer.ADMIN_CLIENT_SECRET);
        String key = admin.tenantWithKey(token, "image-check", List.of(ChartContainers.MODEL),
                List.of(ChartContainers.REGION));
        HttpResponse<String> answer = new GatewayClient("http://127.0.0.1:" + ports.get("gateway"))
                .chat(key, ChartContainers.MODEL, "Hello from the image check", false);
        expect(answer.statusCode() == 200, "the gateway answers a chat completion with 200, not "
                + answer.statusCode() + ": " + answer.body());
        if (answer.statusCode() != 200) {
            return;
        }
        JsonNode completion = AdminClient.parse(answer.body());
        String requestId = GatewayClient.requestId(answer);
        int completionTokens = completion.at("/usage/completion_tokens").asInt();
        System.out.printf("%nEnd to end through the images: a tenant and an API key created on tenant-service with a"
                + " Keycloak token; POST /v1/chat/completions (model %s) on the gateway, key resolved by"
                + " tenant-service, tokens generated by the inference-worker: 200, %d completion tokens, request %s%n",
                ChartContainers.MODEL, completionTokens, requestId);
        expect(completionTokens > 0, "the completion has tokens");
        Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
        int ledger = 0;
        int audit = 0;
        while (Instant.now().isBefore(deadline) && (ledger == 0 || audit == 0)) {
            ledger = count(postgres, databases.get("billing-service"), "usage_ledger", requestId);
            audit = count(postgres, databases.get("audit-service"), "audit_entry", requestId);
            sleep(500);
        }
        System.out.printf("  through Kafka: billing-service's usage_ledger has %d row and audit-service's audit_entry"
                + " %d entr%s for that request%n", ledger, audit, audit == 1 ? "y" : "ies");
        expect(ledger == 1, "billing-service recorded the request once");
        expect(audit >= 1, "audit-service recorded the request");
    }

    // --- Helpers ---------------------------------------------------------------------------------------------

    private void expect(boolean condition, String what) {
        if (!condition) {
            fail(what);
        }
    }

    private void fail(String what) {
        failures++;
        System.out.println("  FAILED: " + what);
    }

    private <T extends AutoCloseable> T track(T component) {
        started.push(component);
        return component;
    }

    private synchronized void stopAll() {
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

    private static Map<String, String> imageEnv(ImageArchive image) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String entry : image.env()) {
            int equals = entry.indexOf('=');
            env.put(entry.substring(0, equals), entry.substring(equals + 1));
        }
        return env;
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
            throw new IllegalStateException("Could not read " + table + " of " + database, e);
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

    private static String firstLineWith(Path log, String text) {
        try {
            return Files.readAllLines(log).stream().filter(line -> line.contains(text)).findFirst().orElse("?");
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

    private static double seconds(Instant since) {
        return Duration.between(since, Instant.now()).toMillis() / 1000.0;
    }

    static String randomSecret() {
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
}
