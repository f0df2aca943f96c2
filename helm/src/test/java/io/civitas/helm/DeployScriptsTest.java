package io.civitas.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The deploy/ scripts, run for real where they need no cluster and no registry. */
class DeployScriptsTest {

    static final Path DEPLOY = DeployManifestsTest.DEPLOY;

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    static Run run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), out, err);
    }

    static boolean onPath(String tool) throws IOException, InterruptedException {
        return run("bash", "-c", "command -v " + tool).exit() == 0;
    }

    @Test
    void nodeLabellingLabelsRegionAndDatacentreAndTaintsOnlyGpuNodes() throws Exception {
        Run run = run("bash", DEPLOY.resolve("node-labels/label-nodes.sh").toString(), "--dry-run",
                DEPLOY.resolve("node-labels/nodes.example.tsv").toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out().lines()).contains(
                "kubectl label node gpu-par-01 --overwrite topology.kubernetes.io/region=eu-west-fr civitas.io/datacentre=paris-dc1",
                "kubectl taint node gpu-par-01 --overwrite nvidia.com/gpu=present:NoSchedule",
                "kubectl taint node cpu-par-01 nvidia.com/gpu:NoSchedule-");
        assertThat(run.out().lines().filter(l -> l.contains("nvidia.com/gpu=present"))).hasSize(3);
    }

    @Test
    void nodeLabellingRefusesAnInvalidLabelValueBeforeChangingAnything() throws Exception {
        Path inventory = Files.writeString(dir.resolve("bad.tsv"), "n1 eu-west-fr paris-dc1 yes\nn2 eu/west dc yes\n");

        Run run = run("bash", DEPLOY.resolve("node-labels/label-nodes.sh").toString(), "--dry-run", inventory.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains(":2: 'eu/west' is not a valid label value");
    }

    @Test
    void theBundleIsRefusedWhileADigestIsNotPinned() throws Exception {
        assumeTrue(onPath("jq") && onPath("yq"), "jq and yq are needed by bundle.sh");

        Run run = run("bash", DEPLOY.resolve("airgap/bundle.sh").toString(), "verify");

        assertThat(run.exit()).isNotZero();
        assertThat(run.err()).contains("image civitas/gateway 0.1.0: digest not pinned").contains("run 'bundle.sh pin'");
    }

    @Test
    void theBundleIsAcceptedOnceEveryDigestIsPinned() throws Exception {
        assumeTrue(onPath("jq") && onPath("yq"), "jq and yq are needed by bundle.sh");
        String pinned = Files.readString(DEPLOY.resolve("airgap/bundle.yaml"))
                .replace("digest: \"\"", "digest: \"sha256:" + "0123456789abcdef".repeat(4) + "\"");
        Path bundle = Files.writeString(dir.resolve("bundle.yaml"), pinned);

        Run run = run("env", "BUNDLE=" + bundle, "bash", DEPLOY.resolve("airgap/bundle.sh").toString(), "verify");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("every entry of " + bundle + " has a pinned digest");
    }

    @Test
    void theProductionRealmImportCarriesNoTestSecretNorTestUser() throws Exception {
        assumeTrue(onPath("jq"), "jq is needed by make-realm-import.sh");

        Run run = run("bash", DEPLOY.resolve("keycloak/make-realm-import.sh").toString(),
                System.getProperty("civitas.realm.file"), "civitas-sso");

        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode realmImport = Rendered.YAML.readTree(run.out());
        assertThat(realmImport.path("kind").asText()).isEqualTo("KeycloakRealmImport");
        assertThat(realmImport.path("spec").path("keycloakCRName").asText()).isEqualTo("civitas-sso");
        JsonNode realm = realmImport.path("spec").path("realm");
        assertThat(realm.path("realm").asText()).isEqualTo("civitas");
        assertThat(realm.findValues("secret")).isEmpty();
        assertThat(realm.findValues("credentials")).isEmpty();
        List<String> clients = new ArrayList<>();
        realm.path("clients").forEach(c -> clients.add(c.path("clientId").asText()));
        assertThat(clients).contains("civitas-admin", "civitas-auditor").doesNotContain("civitas-no-role");
        List<String> roles = new ArrayList<>();
        realm.path("roles").path("realm").forEach(r -> roles.add(r.path("name").asText()));
        assertThat(roles).contains("platform-admin", "tenant-admin", "auditor");
        realm.path("users").forEach(u -> assertThat(u.path("username").asText()).startsWith("service-account-"));
    }
}
