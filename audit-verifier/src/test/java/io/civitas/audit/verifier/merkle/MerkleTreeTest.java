package io.civitas.audit.verifier.merkle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

class MerkleTreeTest {

    private static final HexFormat HEX = HexFormat.of();

    /** The leaf inputs of RFC 6962's reference test vectors (certificate-transparency merkle_tree_test). */
    private static final String[] CT_LEAVES = { "", "00", "10", "2021", "3031", "40414243", "5051525354555657",
            "606162636465666768696a6b6c6d6e6f" };

    @Test
    void shouldMatchTheCertificateTransparencyReferenceRoots() {
        // Given
        CompactRange range = new CompactRange();

        // When
        List<String> roots = new ArrayList<>();
        for (String leaf : CT_LEAVES) {
            range.appendLeaf(MerkleHash.leaf(HEX.parseHex(leaf)));
            roots.add(HEX.formatHex(range.root()));
        }

        // Then
        assertThat(HEX.formatHex(new CompactRange().root()))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(roots.getFirst()).isEqualTo("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
        assertThat(roots.getLast()).isEqualTo("5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");
    }

    @Test
    void shouldBuildTheSameRootFromLeavesAsTheRfcDefinition() {
        // Given
        List<byte[]> leaves = leaves(130);

        // When
        CompactRange range = new CompactRange();
        List<String> incremental = new ArrayList<>();
        for (byte[] leaf : leaves) {
            range.appendLeaf(leaf);
            incremental.add(HEX.formatHex(range.root()));
        }

        // Then
        for (int n = 1; n <= leaves.size(); n++) {
            assertThat(incremental.get(n - 1)).as("root of %d leaves", n)
                    .isEqualTo(HEX.formatHex(mth(leaves.subList(0, n))));
        }
    }

    @Test
    void shouldRebuildTheRootFromAnyCoverOfEntriesAndGapNodes() {
        // Given
        List<byte[]> leaves = leaves(77);
        NodeSource nodes = source(leaves);
        byte[] root = mth(leaves);

        // When
        CompactRange rebuilt = new CompactRange();
        for (long[] part : CompactRange.cover(0, 13)) {
            rebuilt.append(new Subtree(part[0], (int) part[1], nodes.subtree(part[0], (int) part[1])));
        }
        rebuilt.appendLeaf(leaves.get(13));
        for (long[] part : CompactRange.cover(14, 77)) {
            rebuilt.append(new Subtree(part[0], (int) part[1], nodes.subtree(part[0], (int) part[1])));
        }

        // Then
        assertThat(rebuilt.root()).isEqualTo(root);
        assertThat(nodes.range(0, 77)).isEqualTo(root);
    }

    @Test
    void shouldProveAndVerifyConsistencyBetweenEverySizePairAndRejectAlteredProofs() {
        // Given
        List<byte[]> leaves = leaves(40);
        NodeSource nodes = source(leaves);

        for (int n = 1; n <= leaves.size(); n++) {
            byte[] newRoot = mth(leaves.subList(0, n));
            for (int m = 1; m <= n; m++) {
                byte[] oldRoot = mth(leaves.subList(0, m));

                // When
                List<byte[]> proof = ConsistencyProofs.prove(m, n, nodes);

                // Then
                assertThat(ConsistencyProofs.verify(m, n, oldRoot, newRoot, proof)).as("m=%d n=%d", m, n).isTrue();
                if (m < n) {
                    byte[] forgedOld = oldRoot.clone();
                    forgedOld[0] ^= 1;
                    assertThat(ConsistencyProofs.verify(m, n, forgedOld, newRoot, proof)).isFalse();
                }
                if (!proof.isEmpty()) {
                    List<byte[]> altered = new ArrayList<>(proof);
                    byte[] first = altered.getFirst().clone();
                    first[31] ^= 1;
                    altered.set(0, first);
                    assertThat(ConsistencyProofs.verify(m, n, oldRoot, newRoot, altered)).isFalse();
                }
            }
        }
    }

    private static List<byte[]> leaves(int count) {
        List<byte[]> leaves = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            leaves.add(MerkleHash.leaf(("entry-" + i).getBytes()));
        }
        return leaves;
    }

    private static NodeSource source(List<byte[]> leaves) {
        return (start, level) -> mth(leaves.subList((int) start, (int) (start + (1L << level))));
    }

    /** MTH exactly as RFC 6962 section 2.1 defines it. */
    private static byte[] mth(List<byte[]> leaves) {
        if (leaves.isEmpty()) {
            return MerkleHash.empty();
        }
        if (leaves.size() == 1) {
            return leaves.getFirst();
        }
        int k = Integer.highestOneBit(leaves.size() - 1);
        return MerkleHash.node(mth(leaves.subList(0, k)), mth(leaves.subList(k, leaves.size())));
    }
}
