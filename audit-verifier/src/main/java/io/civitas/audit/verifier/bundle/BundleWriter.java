package io.civitas.audit.verifier.bundle;

import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import io.civitas.audit.verifier.checkpoint.Checkpoint;
import io.civitas.audit.verifier.checkpoint.Ed25519;
import io.civitas.audit.verifier.checkpoint.Hex;
import io.civitas.audit.verifier.checkpoint.SignedCheckpoint;
import io.civitas.audit.verifier.merkle.CompactRange;
import io.civitas.audit.verifier.merkle.MerkleHash;
import io.civitas.audit.verifier.merkle.Subtree;

/**
 * Writes a bundle as a stream, in record order: header, key, checkpoints, consistency proofs, entries and nodes in
 * leaf order, end. It rebuilds the tree from the entries and nodes it writes and refuses to sign a bundle whose root
 * is not the anchor checkpoint's (the last one written).
 */
public final class BundleWriter {

    private static final byte NEWLINE = '\n';

    private final OutputStream out;
    private final PrivateKey signingKey;
    private final String keyId;
    private final MessageDigest digest = MerkleHash.newDigest();
    private final CompactRange tree = new CompactRange();
    private Checkpoint anchor;
    private long entries;
    private long nodes;

    public BundleWriter(OutputStream out, PrivateKey signingKey, PublicKey publicKey) {
        this.out = out;
        this.signingKey = signingKey;
        this.keyId = Ed25519.keyId(publicKey);
    }

    /** Writes the header. */
    public void header(BundleRecords.Header header) throws IOException {
        write(Json.canonical(header));
    }

    /** Writes the public key record. */
    public void key(PublicKey publicKey) throws IOException {
        write(Json.canonical(new BundleRecords.Key(keyId, Base64.getEncoder().encodeToString(publicKey.getEncoded()))));
    }

    /** Writes a signed checkpoint; the last one written is the anchor. */
    public void checkpoint(SignedCheckpoint signed) throws IOException {
        write(Json.canonical(new BundleRecords.SignedCheckpointLine(signed.checkpoint(), signed.signature())));
        anchor = signed.checkpoint();
    }

    /** Writes a consistency proof. */
    public void consistency(long fromSize, long toSize, List<byte[]> proof) throws IOException {
        write(Json.canonical(new BundleRecords.Consistency(fromSize, toSize, proof.stream().map(Hex::of).toList())));
    }

    /** Writes an entry line (the canonical entry bytes) at leaf index seq - 1. */
    public void entry(long seq, byte[] canonicalEntry) throws IOException {
        tree.append(Subtree.leaf(seq - 1, MerkleHash.leaf(canonicalEntry)));
        write(canonicalEntry);
        entries++;
    }

    /** Writes a subtree that holds no exported entry. */
    public void node(Subtree subtree) throws IOException {
        tree.append(subtree);
        write(Json.canonical(new BundleRecords.Node(subtree.start(), subtree.level(), Hex.of(subtree.hash()))));
        nodes++;
    }

    /** Number of entries written so far. */
    public long entries() {
        return entries;
    }

    /** Checks the rebuilt root against the anchor, then writes the signed end record. */
    public void end() throws IOException {
        if (anchor == null || tree.size() != anchor.treeSize()
                || !Arrays.equals(tree.root(), Hex.parse(anchor.rootHash()))) {
            throw new IllegalStateException("the exported entries and nodes do not rebuild the anchor checkpoint's root");
        }
        String bundleHash = Hex.of(digest.digest());
        String signature = Base64.getEncoder().encodeToString(
                Ed25519.sign(signingKey, BundleRecords.signedDigestMessage(bundleHash)));
        out.write(Json.canonical(new BundleRecords.End(entries, nodes, bundleHash, keyId, signature)));
        out.write(NEWLINE);
        out.flush();
    }

    private void write(byte[] line) throws IOException {
        out.write(line);
        out.write(NEWLINE);
        digest.update(line);
        digest.update(NEWLINE);
    }
}
