package io.civitas.audit.verifier.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.civitas.audit.verifier.Bundles;
import io.civitas.audit.verifier.MemoryLog;
import io.civitas.audit.verifier.Tamperer;
import io.civitas.audit.verifier.checkpoint.SignedCheckpoint;

class BundleVerifierTest {

    @Test
    void shouldVerifyAnUnfilteredExportOfARangeAgainstEveryCheckpoint() {
        // Given
        MemoryLog log = logOf(90, 25);

        // When
        Report report = Bundles.verify(log.export(10, 70, null, log.checkpoints()), log.keys().getPublic());

        // Then
        assertThat(report.failures()).isEmpty();
        assertThat(report.entries()).isEqualTo(61);
        assertThat(report.checkpoints()).hasSize(4);
        assertThat(report.anchor().treeSize()).isEqualTo(90);
    }

    @Test
    void shouldVerifyATenantFilteredExportWithoutTheOtherTenantsEntries() {
        // Given
        MemoryLog log = logOf(200, 64);
        byte[] bundle = log.export(1, 200, "tenant-b", log.checkpoints());

        // When
        Report report = Bundles.verify(bundle, log.keys().getPublic());

        // Then
        assertThat(report.failures()).isEmpty();
        List<String> entries = Tamperer.lines(bundle).stream().filter(l -> l.contains("\"record\":\"entry\""))
                .toList();
        assertThat(entries).hasSize((int) report.entries()).isNotEmpty()
                .allMatch(l -> l.contains("\"tenantId\":\"tenant-b\""));
        assertThat(new String(bundle, StandardCharsets.UTF_8)).doesNotContain("tenant-a").doesNotContain("tenant-c");
    }

    @Test
    void shouldRejectAnExportWhoseEntriesFallOutsideItsFilter() {
        // Given
        MemoryLog log = logOf(30, 10);
        String bundle = new String(log.export(1, 30, "tenant-b", log.checkpoints()), StandardCharsets.UTF_8);
        String relabelled = bundle.replace("\"tenantId\":\"tenant-b\",\"to\"", "\"tenantId\":\"tenant-a\",\"to\"");

        // When
        Report report = Bundles.verify(relabelled.getBytes(StandardCharsets.UTF_8), log.keys().getPublic());

        // Then
        assertThat(relabelled).isNotEqualTo(bundle);
        assertThat(report.failures()).contains("bundle signature", "entries");
    }

    @Test
    void shouldRejectABundleSignedByAnotherKeyThanThePinnedOne() {
        // Given
        MemoryLog log = logOf(20, 10);
        byte[] bundle = log.export(1, 20, null, log.checkpoints());

        // When
        Report report = Bundles.verify(bundle, MemoryLog.generateKeys().getPublic());

        // Then
        assertThat(report.failures()).contains("public key", "bundle signature", "checkpoint signatures");
    }

    @Test
    void shouldShowALaterExportExtendsAnEarlierOneAndThatAForkDoesNot() {
        // Given
        MemoryLog log = logOf(40, 16);
        SignedCheckpoint earlierAnchor = log.checkpoints().getLast();
        Report earlier = Bundles.verify(log.export(1, 40, null, List.of(earlierAnchor)), null);
        for (int i = 0; i < 30; i++) {
            log.append("tenant-a");
        }
        SignedCheckpoint laterAnchor = log.checkpoint();
        Report later = Bundles.verify(log.export(41, 70, null, List.of(earlierAnchor, laterAnchor)), null);
        MemoryLog fork = logOf(40, 16);
        fork.append("tenant-a");
        fork.checkpoint();
        Report forked = Bundles.verify(fork.export(41, 41, null, fork.checkpoints()), null);

        // When
        List<Check> consistent = BundleConsistency.check(earlier, later);
        List<Check> inconsistent = BundleConsistency.check(earlier, forked);

        // Then
        assertThat(consistent).allMatch(Check::holds);
        assertThat(inconsistent.getLast().holds()).isFalse();
    }

    static MemoryLog logOf(int entries, int checkpointEvery) {
        MemoryLog log = new MemoryLog(entries * 31L + checkpointEvery);
        String[] tenants = { "tenant-a", "tenant-b", "tenant-c" };
        for (int i = 1; i <= entries; i++) {
            log.append(tenants[(i * 7) % 3 == 1 ? 1 : (i % 2 == 0 ? 0 : 2)]);
            if (i % checkpointEvery == 0 || i == entries) {
                log.checkpoint();
            }
        }
        return log;
    }
}
