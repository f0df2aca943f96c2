package io.civitas.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import io.civitas.testsupport.process.KeycloakServer;
import io.civitas.testsupport.process.ProjectLayout;

/**
 * What an auditor does: exports a range of the audit log from the running audit-service with an auditor token and
 * checks it offline with the verifier jar against the signing key the operator pinned; a tenant-admin exports only
 * its own tenant.
 */
@ExtendWith(SharedPlatform.class)
class AuditExportSystemTest {

    private static final String PROMPT = "Audit me, but never store this sentence";
    private static final Instant SINCE = Instant.now().minus(Duration.ofHours(1));

    private static Platform platform;
    private static AdminClient admin;
    private static String tenantId;
    private static String requestId;

    @TempDir
    Path work;

    @BeforeAll
    static void serveOneRequest(Platform running) {
        platform = running;
        admin = new AdminClient(platform.tenantServiceUrl(), platform.keycloak().tokenUrl());
        String platformAdmin = admin.token(KeycloakServer.ADMIN_CLIENT, KeycloakServer.ADMIN_CLIENT_SECRET);
        tenantId = AdminClient.expect(admin.createTenant(platformAdmin, "audited-" + UUID.randomUUID(),
                List.of(Platform.MODEL), List.of(Platform.REGION)), 201).get("id").asText();
        String key = AdminClient.expect(admin.createKey(platformAdmin, tenantId, "audited-key"), 201)
                .get("key").asText();
        HttpResponse<String> served = new GatewayClient(platform.gatewayUrl()).chat(key, Platform.MODEL, PROMPT,
                false);
        assertThat(served.statusCode()).isEqualTo(200);
        requestId = GatewayClient.requestId(served);
    }

    @Test
    void shouldExportABundleThatVerifiesOfflineAndFailsWhenTampered() throws Exception {
        // Given
        String auditor = admin.token(KeycloakServer.AUDITOR_CLIENT, KeycloakServer.AUDITOR_CLIENT_SECRET);
        Path bundle = work.resolve("export.jsonl");
        await().atMost(30, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(500))
                .until(() -> export(auditor, null, bundle) == 200 && Files.readString(bundle).contains(requestId));

        // When
        Result untouched = verify(bundle);
        Path tampered = work.resolve("tampered.jsonl");
        Files.writeString(tampered, Files.readString(bundle).replaceFirst(requestId, UUID.randomUUID().toString()));
        Result edited = verify(tampered);

        // Then
        assertThat(untouched.exitCode()).as(untouched.output()).isZero();
        assertThat(untouched.output()).contains("VERIFIED").doesNotContain("NOT VERIFIED");
        assertThat(edited.exitCode()).as(edited.output()).isEqualTo(1);
        assertThat(Files.readString(bundle)).doesNotContain(PROMPT);
    }

    @Test
    void shouldLetATenantAdminExportOnlyItsOwnTenant() throws Exception {
        // Given
        KeycloakUsers users = new KeycloakUsers(platform.keycloak());
        users.create("auditee-admin", "auditee-password", "tenant-admin", tenantId);
        String token = users.token("auditee-admin", "auditee-password");
        Path own = work.resolve("own.jsonl");
        await().atMost(30, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(500))
                .until(() -> export(token, tenantId, own) == 200 && Files.readString(own).contains(requestId));

        // When
        int otherTenant = export(token, UUID.randomUUID().toString(), work.resolve("other.jsonl"));
        Result verified = verify(own);

        // Then
        assertThat(otherTenant).isEqualTo(403);
        assertThat(verified.exitCode()).as(verified.output()).isZero();
    }

    private static int export(String token, String tenant, Path into) throws IOException {
        String query = "from=" + encode(SINCE.toString()) + "&to=" + encode(Instant.now().plusSeconds(1).toString())
                + (tenant == null ? "" : "&tenant=" + tenant);
        HttpRequest request = HttpRequest.newBuilder(URI.create(platform.auditServiceUrl() + "/audit/v1/export?"
                + query)).header("Authorization", "Bearer " + token).GET().build();
        HttpResponse<String> response = AdminClient.send(request);
        Files.writeString(into, response.body());
        return response.statusCode();
    }

    private static Result verify(Path bundle) throws IOException, InterruptedException {
        Path jar = ProjectLayout.locate().root().resolve("audit-verifier/target/civitas-audit-verifier.jar");
        Process process = new ProcessBuilder(ProjectLayout.javaExecutable(), "-jar", jar.toString(), "verify",
                "--public-key", platform.auditSigningKey().publicKeyFile().toString(), bundle.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(process.waitFor(), output);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    record Result(int exitCode, String output) {
    }
}
