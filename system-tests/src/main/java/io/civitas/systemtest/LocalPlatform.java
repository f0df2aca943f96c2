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
        String tenantId = AdminClient.expect(admin.createTenant(token, "demo", List.of(model.id()),
                List.of(Platform.REGION)), 201).get("id").asText();
        String key = AdminClient.expect(admin.createKey(token, tenantId, "demo-key"), 201).get("key").asText();
        new KeycloakUsers(platform.keycloak()).create("demo-admin", "demo-admin", "tenant-admin", tenantId);
        String body = AdminClient.json(java.util.Map.of("model", model.id(), "max_tokens", 24, "temperature", 0,
                "messages", List.of(java.util.Map.of("role", "user", "content", "Hello from the demo tenant"))));
        System.out.printf("""

                Civitas is up (%d s).
                  gateway (OpenAI API)   %s/v1
                  tenant admin API       %s/admin/v1   (Keycloak realm %s, client %s / %s)
                  demo tenant            %s   (tenant-admin: user demo-admin / demo-admin, client %s)
                  demo tenant API key    %s
                  billing API            %s/billing/v1
                  audit export           %s/audit/v1/export   (auditor: client %s / %s)

                Try:
                  curl -s %s/v1/chat/completions -H 'Authorization: Bearer %s' -H 'Content-Type: application/json' -d '%s'

                Press Ctrl-C to stop everything.
                """, (System.nanoTime() - begin) / 1_000_000_000L, platform.gatewayUrl(), platform.tenantServiceUrl(),
                platform.keycloak().realmUrl(), KeycloakServer.ADMIN_CLIENT, KeycloakServer.ADMIN_CLIENT_SECRET,
                tenantId, KeycloakUsers.CONSOLE_CLIENT, key, platform.billingServiceUrl(), platform.auditServiceUrl(),
                KeycloakServer.AUDITOR_CLIENT, KeycloakServer.AUDITOR_CLIENT_SECRET, platform.gatewayUrl(), key, body);
        Thread.currentThread().join();
    }
}
