package io.civitas.audit.verifier.bundle;

import java.io.IOException;
import java.security.PublicKey;
import java.util.List;

import io.civitas.audit.verifier.checkpoint.SignedCheckpoint;
import io.civitas.audit.verifier.merkle.CompactRange;
import io.civitas.audit.verifier.merkle.ConsistencyProofs;
import io.civitas.audit.verifier.merkle.NodeSource;
import io.civitas.audit.verifier.merkle.Subtree;

/**
 * Assembles a bundle from a stored tree: the checkpoints with a consistency proof between each two, then the
 * exported entries in seq order with the maximal subtrees between them as nodes, so that entries and nodes together
 * rebuild the anchor's root. The nodes form one batch inclusion proof of every exported entry.
 */
public final class BundleExporter {

    private final BundleWriter writer;
    private final NodeSource nodes;
    private long anchorSize = -1;
    private long nextLeaf;

    public BundleExporter(BundleWriter writer, NodeSource nodes) {
        this.writer = writer;
        this.nodes = nodes;
    }

    /** Writes header, key, checkpoints (growing tree sizes; the last is the anchor) and consistency proofs. */
    public void begin(BundleRecords.Header header, PublicKey key, List<SignedCheckpoint> checkpoints)
            throws IOException {
        if (checkpoints.isEmpty() || checkpoints.getLast().checkpoint().treeSize() != header.treeSize()) {
            throw new IllegalArgumentException("the last checkpoint must be the anchor of tree size " + header.treeSize());
        }
        writer.header(header);
        writer.key(key);
        for (SignedCheckpoint checkpoint : checkpoints) {
            writer.checkpoint(checkpoint);
        }
        for (int i = 1; i < checkpoints.size(); i++) {
            long from = checkpoints.get(i - 1).checkpoint().treeSize();
            long to = checkpoints.get(i).checkpoint().treeSize();
            writer.consistency(from, to, ConsistencyProofs.prove(from, to, nodes));
        }
        anchorSize = header.treeSize();
    }

    /** Writes the nodes between the previous entry and this one, then the entry. Entries come in seq order. */
    public void entry(long seq, byte[] canonicalEntry) throws IOException {
        if (seq < 1 || seq > anchorSize || seq - 1 < nextLeaf) {
            throw new IllegalArgumentException("entry seq " + seq + " is out of order or beyond the anchor");
        }
        gap(seq - 1);
        writer.entry(seq, canonicalEntry);
        nextLeaf = seq;
    }

    /** Entries written so far. */
    public long entries() {
        return writer.entries();
    }

    /** Writes the nodes after the last entry and the signed end record. */
    public void finish() throws IOException {
        gap(anchorSize);
        writer.end();
    }

    private void gap(long upTo) throws IOException {
        for (long[] part : CompactRange.cover(nextLeaf, upTo)) {
            int level = (int) part[1];
            writer.node(new Subtree(part[0], level, nodes.subtree(part[0], level)));
        }
        nextLeaf = upTo;
    }
}
