package io.civitas.systemtest;

import java.util.List;

import io.civitas.testsupport.process.KeycloakServer;
import io.civitas.testsupport.process.ProjectLayout;

/**
 * The local platform: starts everything on loopback, creates a demo tenant and key, prints a working curl and
 * runs until interrupted (Ctrl-C), then stops everything it started. Run by {@code ./civitas up}.
 */
public final class LocalPlatform {

    private LocalPlatform() {
    }

    public static void main(String[] args) throws InterruptedException {
        ProjectLayout layout = ProjectLayout.locate();
        System.out.println("Starting Civitas on loopback (logs and data in " + layout.runDir("platform") + ") ...");
        long begin = System.nanoTime();
        ServedModel model = ServedModel.fromEnvironment(System.getenv());
        if (model.dir() != null) {
            System.out.println("Serving model " + model.id() + " from " + model.dir());
        }
        Platform platform = Platform.start(layout, layout.runDir("platform"), model);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping Civitas ...");
            platform.close();
            System.out.println("Stopped.");
        }));
        AdminClient admin = new AdminClient(platform.tenantServiceUrl(), platform.keycloak().tokenUrl());
        String token = admin.token(KeycloakServer.ADMIN_CLIENT, KeycloakServer.ADMIN_CLIENT_SECRET);
        String key = admin.tenantWithKey(token, "demo", List.of(model.id()), List.of(Platform.REGION));
        String body = AdminClient.json(java.util.Map.of("model", model.id(), "max_tokens", 24, "temperature", 0,
                "messages", List.of(java.util.Map.of("role", "user", "content", "Hello from the demo tenant"))));
        System.out.printf("""

                Civitas is up (%d s).
                  gateway (OpenAI API)   %s/v1
                  tenant admin API       %s/admin/v1   (Keycloak realm %s, client %s / %s)
                  demo tenant API key    %s

                Try:
                  curl -s %s/v1/chat/completions -H 'Authorization: Bearer %s' -H 'Content-Type: application/json' -d '%s'

                Press Ctrl-C to stop everything.
                """, (System.nanoTime() - begin) / 1_000_000_000L, platform.gatewayUrl(), platform.tenantServiceUrl(),
                platform.keycloak().realmUrl(), KeycloakServer.ADMIN_CLIENT, KeycloakServer.ADMIN_CLIENT_SECRET, key,
                platform.gatewayUrl(), key, body);
        Thread.currentThread().join();
    }
}
