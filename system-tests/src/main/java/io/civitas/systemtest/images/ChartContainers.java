package io.civitas.systemtest.images;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.civitas.systemtest.AuditSigningKey;
import io.civitas.systemtest.images.ContainerRun.Volume;

/**
 * The environment and volumes the chart's templates give each Civitas container with the default values
 * (helm/civitas/templates/services.yaml, workers.yaml, migrations.yaml, _helpers.tpl), with this host's addresses
 * in place of the cluster's Services, one replica each, and each service's port on a free port (QUARKUS_HTTP_PORT,
 * which the chart sets too).
 */
final class ChartContainers {

    static final String MODEL = "civitas-tiny";
    static final String REGION = "local";
    private static final String JAVA_OPTIONS = "-XX:MaxRAMPercentage=75";

    private final Path dir;

    /** Writes ConfigMap and Secret files under {@code dir}. */
    ChartContainers(Path dir) {
        this.dir = dir;
    }

    /** The default worker pool (cpu-tiny: the generated model on the jlama engine, no model volume). */
    Map<String, String> workerEnv(int port) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        env.put("JDK_JAVA_OPTIONS", "--add-modules=jdk.incubator.vector --enable-native-access=ALL-UNNAMED " + JAVA_OPTIONS);
        env.put("CIVITAS_WORKER_ID", "inference-worker-image-check");
        env.put("CIVITAS_WORKER_NODE", hostName());
        env.put("CIVITAS_WORKER_REGION", REGION);
        env.put("CIVITAS_WORKER_DATA_DIR", "/var/lib/civitas-worker");
        env.put("CIVITAS_WORKER_ENGINE_THREADS", "2");
        env.put("CIVITAS_WORKER_DRAIN_GRACE_SECONDS", "30");
        return env;
    }

    /** emptyDirs for /models, the data directory and /tmp; the pool's ConfigMap at /deployments/config. */
    List<Volume> workerVolumes() {
        Path config = dir.resolve("inference-worker/config");
        String model = "civitas.worker.models.\"" + MODEL + "\"";
        write(config.resolve("application.properties"),
                "# The pool's model (WorkerConfig civitas.worker.models.<id>.*)\n" + model + ".engine=jlama\n"
                        + model + ".dir=/models\n" + model + ".generate-if-missing=true\n");
        return List.of(Volume.emptyDir("/models"), Volume.emptyDir("/var/lib/civitas-worker"),
                Volume.emptyDir("/tmp"), Volume.readOnly("/deployments/config", config));
    }

    /**
     * A database owner's environment shared by its migration Job and its Deployment (datasourceEnv and serviceEnv);
     * the Deployment adds {@link #databaseServiceDeploymentEnv}. The database Secret's login is the database name.
     */
    Map<String, String> databaseServiceEnv(String service, String jdbcUrl, String database, String oidcUrl,
            String kafka) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("JDK_JAVA_OPTIONS", JAVA_OPTIONS);
        env.put("QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl);
        env.put("QUARKUS_DATASOURCE_USERNAME", database);
        env.put("QUARKUS_DATASOURCE_PASSWORD", database);
        env.put("QUARKUS_OIDC_AUTH_SERVER_URL", oidcUrl);
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka);
        switch (service) {
            case "tenant-service" -> env.put("CIVITAS_TENANT_KEYS_PEPPER", ImageCheck.randomSecret());
            case "billing-service" -> env.put("QUARKUS_OIDC_TENANT_ENABLED", "true");
            case "audit-service" -> env.put("CIVITAS_AUDIT_SIGNING_PRIVATE_KEY_FILE",
                    "/etc/civitas/audit-signing/signing-key.pem");
            default -> throw new IllegalArgumentException("Not a database owner: " + service);
        }
        return env;
    }

    /** The migration hook Job's additions. */
    static Map<String, String> migrationJobEnv(Map<String, String> serviceEnv) {
        Map<String, String> env = new LinkedHashMap<>(serviceEnv);
        env.put("QUARKUS_INIT_AND_EXIT", "true");
        env.put("QUARKUS_FLYWAY_MIGRATE_AT_START", "true");
        return env;
    }

    /** The Deployment's additions, with migration.enabled (the default): the pods only validate the schema. */
    static Map<String, String> databaseServiceDeploymentEnv(Map<String, String> serviceEnv, int port) {
        Map<String, String> env = new LinkedHashMap<>(serviceEnv);
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        env.put("QUARKUS_SHUTDOWN_TIMEOUT", "30s");
        env.put("QUARKUS_FLYWAY_MIGRATE_AT_START", "false");
        env.put("QUARKUS_FLYWAY_VALIDATE_AT_START", "true");
        return env;
    }

    /** /tmp; for audit-service also its signing-key Secret (defaultMode 0440, group fsGroup 185) read-only. */
    List<Volume> databaseServiceVolumes(String service) {
        if (!service.equals("audit-service")) {
            return List.of(Volume.emptyDir("/tmp"));
        }
        Path secret = dir.resolve("audit-service/signing-key");
        Path keyFile = secret.resolve("signing-key.pem");
        if (!Files.exists(keyFile)) {
            AuditSigningKey key = AuditSigningKey.generate(dir.resolve("audit-service/generated-key"));
            try {
                Files.createDirectories(secret);
                Files.move(key.privateKeyFile(), keyFile);
                Files.setAttribute(keyFile, "unix:gid", ContainerRun.FS_GROUP);
                Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("r--r-----"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return List.of(Volume.emptyDir("/tmp"), Volume.readOnly("/etc/civitas/audit-signing", secret));
    }

    Map<String, String> gatewayEnv(int port, int tenantPort, int workerPort, String kafka) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        env.put("JDK_JAVA_OPTIONS", JAVA_OPTIONS);
        env.put("QUARKUS_SHUTDOWN_TIMEOUT", "120s");
        env.put("QUARKUS_GRPC_CLIENTS_TENANT_HOST", "127.0.0.1");
        env.put("QUARKUS_GRPC_CLIENTS_TENANT_PORT", String.valueOf(tenantPort));
        env.put("QUARKUS_GRPC_CLIENTS_WORKER_HOST", "127.0.0.1");
        env.put("QUARKUS_GRPC_CLIENTS_WORKER_PORT", String.valueOf(workerPort));
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka);
        env.put("CIVITAS_GATEWAY_LIMITS_REPLICAS", "1");
        env.put("CIVITAS_GATEWAY_EVENTS_SPOOL_DIR", "/var/lib/civitas-gateway/spool");
        return env;
    }

    /** /tmp and the event spool's emptyDir. */
    List<Volume> gatewayVolumes() {
        return List.of(Volume.emptyDir("/tmp"), Volume.emptyDir("/var/lib/civitas-gateway"));
    }

    private static void write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
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
}
