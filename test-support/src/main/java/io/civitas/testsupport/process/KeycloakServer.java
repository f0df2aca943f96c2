package io.civitas.testsupport.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The Keycloak server distribution (from Maven Central) in development mode on loopback, with the Civitas realm
 * imported fresh at every start: roles platform-admin, tenant-admin and auditor, the clients in
 * {@link #REALM_RESOURCE}, and the admin-only user attribute {@code civitas_tenant} mapped into access tokens as the
 * claim that binds a tenant-admin to one tenant.
 */
public final class KeycloakServer implements AutoCloseable {

    public static final String REALM = "civitas";
    public static final String REALM_RESOURCE = "/keycloak/civitas-realm.json";
    /** Confidential client whose service account holds platform-admin. */
    public static final String ADMIN_CLIENT = "civitas-admin";
    public static final String ADMIN_CLIENT_SECRET = "civitas-admin-secret";
    /** Confidential client whose service account holds auditor. */
    public static final String AUDITOR_CLIENT = "civitas-auditor";
    public static final String AUDITOR_CLIENT_SECRET = "civitas-auditor-secret";
    /** Confidential client whose service account holds no Civitas role. */
    public static final String NO_ROLE_CLIENT = "civitas-no-role";
    public static final String NO_ROLE_CLIENT_SECRET = "civitas-no-role-secret";
    /** Administrator of the master realm (Keycloak's admin REST API), created at first start. */
    public static final String BOOTSTRAP_ADMIN = "admin";
    public static final String BOOTSTRAP_ADMIN_PASSWORD = "admin";

    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);

    private final ManagedProcess process;
    private final int port;

    private KeycloakServer(ManagedProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts Keycloak without waiting for it; call {@link #awaitReady()} before use. */
    public static KeycloakServer start(Path home, int port, Path log) {
        resetData(home);
        List<String> command = List.of(home.resolve("bin/kc.sh").toString(), "start-dev",
                "--http-host=127.0.0.1", "--http-port=" + port, "--import-realm");
        Map<String, String> env = new java.util.HashMap<>(ProjectLayout.javaEnv());
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", BOOTSTRAP_ADMIN);
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", BOOTSTRAP_ADMIN_PASSWORD);
        return new KeycloakServer(ManagedProcess.start("keycloak", command, home, env, log), port);
    }

    public KeycloakServer awaitReady() {
        process.awaitReady(START_TIMEOUT, () -> Http.isOk(realmUrl() + "/.well-known/openid-configuration"));
        return this;
    }

    /** The realm's issuer URL, for quarkus.oidc.auth-server-url. */
    public String realmUrl() {
        return "http://127.0.0.1:" + port + "/realms/" + REALM;
    }

    public String tokenUrl() {
        return realmUrl() + "/protocol/openid-connect/token";
    }

    private static void resetData(Path home) {
        Path data = home.resolve("data");
        try {
            Dirs.recreate(data.resolve("h2"));
            Path imports = Files.createDirectories(data.resolve("import"));
            try (InputStream realm = KeycloakServer.class.getResourceAsStream(REALM_RESOURCE)) {
                Files.copy(realm, imports.resolve("civitas-realm.json"), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not prepare Keycloak data in " + data, e);
        }
    }

    @Override
    public void close() {
        process.close();
    }
}
