package io.civitas.systemtest;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Map;

import io.civitas.testsupport.process.DebianPostgres;
import io.civitas.testsupport.process.FreePorts;
import io.civitas.testsupport.process.KafkaBroker;
import io.civitas.testsupport.process.KeycloakServer;
import io.civitas.testsupport.process.ProjectLayout;
import io.civitas.testsupport.process.QuarkusService;

/**
 * The whole platform on loopback as real processes: Keycloak, PostgreSQL, a Kafka broker and the five services
 * from their packaged applications. Closing it stops everything it started, in reverse order.
 */
public final class Platform implements AutoCloseable {

    /** The model the worker generates and serves by default. */
    public static final String MODEL = ServedModel.GENERATED_ID;
    public static final String REGION = "local";

    private static final List<String> WORKER_JVM = List.of("--add-modules", "jdk.incubator.vector",
            "--enable-native-access=ALL-UNNAMED");

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private ProjectLayout layout;
    private Path runDir;
    private String bootstrap;
    private KeycloakServer keycloak;
    private DebianPostgres postgres;
    private QuarkusService tenant;
    private QuarkusService gateway;
    private QuarkusService auditService;
    private QuarkusService billing;
    private QuarkusService worker;
    private AuditSigningKey auditSigningKey;

    private Platform() {
    }

    /** Starts everything serving the generated model; see {@link #start(ProjectLayout, Path, ServedModel)}. */
    public static Platform start(ProjectLayout layout, Path runDir) {
        return start(layout, runDir, ServedModel.generated());
    }

    /** Starts everything, with logs and data under {@code runDir}; returns when all services are ready. */
    public static Platform start(ProjectLayout layout, Path runDir, ServedModel model) {
        Platform platform = new Platform();
        try {
            platform.boot(layout, runDir, model);
            return platform;
        } catch (RuntimeException e) {
            platform.close();
            throw e;
        }
    }

    private void boot(ProjectLayout layout, Path runDir, ServedModel model) {
        this.layout = layout;
        this.runDir = runDir;
        layout.infraReady();
        keycloak = track(KeycloakServer.start(layout.keycloakHome(), FreePorts.pick(), runDir.resolve("keycloak.log")));
        postgres = track(DebianPostgres.start(runDir.resolve("postgres")));
        KafkaBroker kafka = track(KafkaBroker.start(layout.kafkaClasspath(), runDir.resolve("kafka")));
        bootstrap = kafka.bootstrapServers();

        worker = track(QuarkusService.start("inference-worker", layout.quarkusApp("inference-worker"),
                WORKER_JVM, with(model.workerConfig(), Map.of("civitas.worker.id", "worker-1",
                        "civitas.worker.region", REGION)),
                runDir.resolve("inference-worker")));
        keycloak.awaitReady();
        Map<String, String> oidc = Map.of("quarkus.oidc.auth-server-url", keycloak.realmUrl(),
                "kafka.bootstrap.servers", bootstrap);
        billing = track(QuarkusService.start("billing-service", layout.quarkusApp("billing-service"),
                List.of(), withDatabase("billing", with(oidc, Map.of("quarkus.oidc.tenant-enabled", "true"))),
                runDir.resolve("billing-service")));
        auditSigningKey = AuditSigningKey.generate(runDir.resolve("audit-signing"));
        auditService = track(QuarkusService.start("audit-service", layout.quarkusApp("audit-service"), List.of(),
                withDatabase("audit", with(oidc, Map.of("civitas.audit.signing.private-key-file",
                        auditSigningKey.privateKeyFile().toString()))),
                runDir.resolve("audit-service")));
        tenant = track(QuarkusService.start("tenant-service", layout.quarkusApp("tenant-service"), List.of(),
                withDatabase("tenant", with(oidc, Map.of("civitas.tenant.keys.pepper", randomSecret()))),
                runDir.resolve("tenant-service")));
        worker.awaitReady();
        tenant.awaitReady();
        gateway = track(QuarkusService.start("gateway", layout.quarkusApp("gateway"), List.of(), Map.of(
                "quarkus.grpc.clients.tenant.host", "127.0.0.1",
                "quarkus.grpc.clients.tenant.port", String.valueOf(tenant.port()),
                "civitas.gateway.worker.addresses", "127.0.0.1:" + worker.port(),
                "kafka.bootstrap.servers", bootstrap,
                "civitas.gateway.events.spool.dir", runDir.resolve("gateway-spool").toString()),
                runDir.resolve("gateway")));
        billing.awaitReady();
        auditService.awaitReady();
        gateway.awaitReady();
    }

    /**
     * A second worker whose model {@code relayModel} runs on the openai-upstream engine against this platform's
     * gateway (a real OpenAI-compatible server, as vLLM would be on a GPU node) as the tenant of {@code apiKey},
     * upstream model {@link #MODEL}; and a second gateway that routes to that worker only. Stopped with the
     * platform; returns the second gateway.
     */
    public QuarkusService startRelay(String relayModel, String apiKey) {
        QuarkusService relayWorker = startRelayWorker("relay-worker", relayModel, gateway.url(), apiKey);
        return startGateway("relay-gateway", relayWorker);
    }

    /** A further gateway, sharing tenant-service and Kafka, that routes to {@code routeTo} only. */
    public QuarkusService startGateway(String name, QuarkusService routeTo) {
        return track(QuarkusService.start(name, layout.quarkusApp("gateway"), List.of(), Map.of(
                "quarkus.grpc.clients.tenant.host", "127.0.0.1",
                "quarkus.grpc.clients.tenant.port", String.valueOf(tenant.port()),
                "civitas.gateway.worker.addresses", "127.0.0.1:" + routeTo.port(),
                "kafka.bootstrap.servers", bootstrap,
                "civitas.gateway.events.spool.dir", runDir.resolve(name + "-spool").toString()),
                runDir.resolve(name))).awaitReady();
    }

    /** A further worker serving {@code relayModel} on the openai-upstream engine against {@code upstreamUrl}. */
    public QuarkusService startRelayWorker(String name, String relayModel, String upstreamUrl, String apiKey) {
        String model = "civitas.worker.models." + relayModel;
        return track(QuarkusService.start(name, layout.quarkusApp("inference-worker"), WORKER_JVM, Map.of(
                "civitas.worker.id", name, "civitas.worker.region", REGION,
                model + ".engine", "openai-upstream", model + ".upstream-url", upstreamUrl,
                model + ".upstream-model", MODEL, model + ".requires-gpu", "false",
                model + ".context-length", "2048"),
                Map.of("CIVITAS_WORKER_UPSTREAM_API_KEY", apiKey), runDir.resolve(name))).awaitReady();
    }

    /** The worker serving {@link #MODEL}. */
    public QuarkusService worker() {
        return worker;
    }

    private Map<String, String> withDatabase(String service, Map<String, String> config) {
        String database = database(service);
        String url = postgres.createDatabase(database);
        return with(config, Map.of("quarkus.datasource.jdbc.url", url, "quarkus.datasource.username", database,
                "quarkus.datasource.password", database));
    }

    private static Map<String, String> with(Map<String, String> config, Map<String, String> more) {
        Map<String, String> all = new java.util.HashMap<>(config);
        all.putAll(more);
        return all;
    }

    private <T extends AutoCloseable> T track(T component) {
        started.push(component);
        return component;
    }

    public String gatewayUrl() {
        return gateway.url();
    }

    public String tenantServiceUrl() {
        return tenant.url();
    }

    public String billingServiceUrl() {
        return billing.url();
    }

    public String auditServiceUrl() {
        return auditService.url();
    }

    /** The audit-service's signing key pair: the public key is what auditors pin when verifying exports. */
    public AuditSigningKey auditSigningKey() {
        return auditSigningKey;
    }

    public KeycloakServer keycloak() {
        return keycloak;
    }

    /** A connection to a service's database, as that service's login role. */
    public Connection connect(String service) throws SQLException {
        String database = database(service);
        return DriverManager.getConnection(postgres.jdbcUrl(database), database, database);
    }

    /** Each service has its own database; its login role and that role's password carry the same name. */
    private static String database(String service) {
        return "civitas_" + service;
    }

    @Override
    public synchronized void close() {
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                System.err.println("Stopping a component failed: " + e.getMessage());
            }
        }
    }

    private static String randomSecret() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
