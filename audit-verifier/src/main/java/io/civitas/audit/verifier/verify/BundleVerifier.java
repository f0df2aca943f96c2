package io.civitas.audit.verifier.verify;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

import io.civitas.audit.verifier.bundle.BundleLine;
import io.civitas.audit.verifier.bundle.BundleRecords;
import io.civitas.audit.verifier.bundle.Json;
import io.civitas.audit.verifier.bundle.LineSplitter;
import io.civitas.audit.verifier.bundle.RecordType;
import io.civitas.audit.verifier.checkpoint.Ed25519;
import io.civitas.audit.verifier.checkpoint.Hex;
import io.civitas.audit.verifier.merkle.CompactRange;
import io.civitas.audit.verifier.merkle.MerkleHash;
import io.civitas.audit.verifier.merkle.Subtree;

/**
 * Verifies a bundle in one streaming pass, in memory logarithmic in the log's size (plus the checkpoints): structure,
 * public key, the signature over the whole bundle, checkpoint signatures and consistency, entries against the export's
 * filter, and that the entries and nodes rebuild the anchor checkpoint's Merkle root.
 */
public final class BundleVerifier {

    private final PublicKey pinnedKey;
    private final MessageDigest digest = MerkleHash.newDigest();
    private final CompactRange tree = new CompactRange();
    private final List<BundleLine> checkpoints = new ArrayList<>();
    private final List<BundleLine> proofs = new ArrayList<>();
    private String structureProblem;
    private String treeProblem;
    private String filterProblem;
    private BundleLine header;
    private BundleLine key;
    private BundleLine end;
    private PublicKey publicKey;
    private Instant from;
    private Instant to;
    private long entries;
    private long nodes;
    private int lineNumber;

    /** A verifier trusting {@code pinnedKey}, or, when null, the key the bundle carries. */
    public BundleVerifier(PublicKey pinnedKey) {
        this.pinnedKey = pinnedKey;
    }

    /** Verifies the bundle read from {@code in}. */
    public Report verify(InputStream in) throws IOException {
        LineSplitter lines = new LineSplitter(in);
        while (structureProblem == null && lines.next()) {
            lineNumber++;
            if (end != null) {
                structureProblem = "line " + lineNumber + " follows the end record";
            } else {
                accept(lines.bytes(), lines.length());
            }
        }
        if (structureProblem == null && end != null && !lines.endsWithNewline()) {
            structureProblem = "the end record is not terminated by a newline";
        }
        return report();
    }

    private void accept(byte[] bytes, int length) {
        BundleLine line;
        try {
            line = Json.line(bytes, length);
        } catch (IllegalArgumentException e) {
            structureProblem = "line " + lineNumber + ": " + e.getMessage();
            return;
        }
        RecordType type = line.type();
        if (type == null || !inOrder(type)) {
            structureProblem = "line " + lineNumber + ": record " + line.record() + " is unknown or out of order";
            return;
        }
        if (type != RecordType.END) {
            digest.update(bytes, 0, length);
            digest.update((byte) '\n');
        }
        try {
            switch (type) {
                case HEADER -> header(line);
                case KEY -> key(line);
                case CHECKPOINT -> checkpoint(line);
                case CONSISTENCY -> consistency(line);
                case ENTRY -> entry(line, bytes, length);
                case NODE -> node(line);
                case END -> end = line;
            }
        } catch (IllegalArgumentException | NullPointerException | DateTimeParseException e) {
            structureProblem = "line " + lineNumber + ": malformed " + type.wireName() + " record";
        }
    }

    private boolean inOrder(RecordType type) {
        return switch (type) {
            case HEADER -> lineNumber == 1;
            case KEY -> header != null && key == null;
            case CHECKPOINT -> key != null && proofs.isEmpty() && entries + nodes == 0;
            case CONSISTENCY -> !checkpoints.isEmpty() && entries + nodes == 0;
            case ENTRY, NODE, END -> !checkpoints.isEmpty();
        };
    }

    private void header(BundleLine line) {
        if (!BundleRecords.FORMAT.equals(line.format()) || line.treeSize() == null || line.exportId() == null) {
            throw new IllegalArgumentException("not a " + BundleRecords.FORMAT + " header");
        }
        from = Instant.parse(line.from());
        to = Instant.parse(line.to());
        header = line;
    }

    private void key(BundleLine line) {
        key = line;
        publicKey = Ed25519.publicKeyFromDer(Base64.getDecoder().decode(line.publicKey()));
    }

    private void checkpoint(BundleLine line) {
        Objects.requireNonNull(line.checkpoint(), "checkpoint");
        Objects.requireNonNull(line.signature(), "signature");
        checkpoints.add(line);
    }

    private void consistency(BundleLine line) {
        Objects.requireNonNull(line.fromSize(), "fromSize");
        Objects.requireNonNull(line.toSize(), "toSize");
        line.proof().forEach(Hex::parse);
        proofs.add(line);
    }

    private void entry(BundleLine line, byte[] bytes, int length) {
        entries++;
        appendToTree(Subtree.leaf(line.seq() - 1, MerkleHash.leaf(bytes, 0, length)), "entry seq " + line.seq());
        Instant occurredAt = Instant.parse(line.occurredAt());
        boolean tenantMatches = header.tenantId() == null || header.tenantId().equals(line.tenantId());
        boolean inRange = !occurredAt.isBefore(from) && occurredAt.isBefore(to);
        if (filterProblem == null && !(tenantMatches && inRange)) {
            filterProblem = "entry seq " + line.seq() + " (tenant " + line.tenantId() + ", " + line.occurredAt()
                    + ") is outside the export's filter";
        }
    }

    private void node(BundleLine line) {
        nodes++;
        appendToTree(new Subtree(line.start(), line.level(), Hex.parse(line.hash())), "node at leaf " + line.start());
    }

    private void appendToTree(Subtree subtree, String what) {
        if (treeProblem != null) {
            return;
        }
        try {
            tree.append(subtree);
        } catch (IllegalArgumentException e) {
            treeProblem = what + " does not continue the tree at leaf " + tree.size() + " (" + e.getMessage() + ")";
        }
    }

    private Report report() {
        List<Check> checks = new ArrayList<>();
        boolean complete = structureProblem == null && end != null;
        checks.add(complete ? Check.holds("structure", lineNumber + " lines, header to end record")
                : Check.fails("structure", structureProblem != null ? structureProblem : "no end record (truncated)"));
        PublicKey trusted = trustedKey(checks);
        checks.add(bundleSignature(complete, trusted));
        CheckpointChecks checkpointChecks = new CheckpointChecks(checkpoints, proofs, trusted,
                header == null ? -1 : header.treeSize());
        checks.addAll(checkpointChecks.checks());
        checks.add(entriesCheck(complete));
        checks.add(rootCheck(complete, checkpointChecks));
        return new Report(checks, checkpointChecks.verified(), checkpointChecks.anchor(),
                publicKey == null ? null : Ed25519.keyId(publicKey), entries);
    }

    private PublicKey trustedKey(List<Check> checks) {
        if (publicKey == null) {
            checks.add(Check.fails("public key", "the bundle carries no readable key"));
            return pinnedKey;
        }
        String keyId = Ed25519.keyId(publicKey);
        if (!keyId.equals(key.keyId())) {
            checks.add(Check.fails("public key", "key id " + key.keyId() + " is not the key's (" + keyId + ")"));
        } else if (pinnedKey == null) {
            checks.add(Check.holds("public key", "Ed25519 " + keyId + " taken from the bundle; pin the published key "
                    + "with --public-key to trust no one"));
        } else if (!Arrays.equals(pinnedKey.getEncoded(), publicKey.getEncoded())) {
            checks.add(Check.fails("public key", "the bundle's key " + keyId + " is not the pinned key "
                    + Ed25519.keyId(pinnedKey)));
        } else {
            checks.add(Check.holds("public key", "Ed25519 " + keyId + " is the pinned key"));
        }
        return pinnedKey != null ? pinnedKey : publicKey;
    }

    private Check bundleSignature(boolean complete, PublicKey trusted) {
        if (!complete || trusted == null) {
            return Check.fails("bundle signature", "not checked: bundle incomplete or without key");
        }
        if (!Ed25519.keyId(trusted).equals(end.keyId())) {
            return Check.fails("bundle signature", "the end record names key " + end.keyId() + ", not "
                    + Ed25519.keyId(trusted));
        }
        String computed = Hex.of(digest.digest());
        if (!computed.equals(end.bundleHash())) {
            return Check.fails("bundle signature", "SHA-256 of the bundle is " + computed + ", the end record says "
                    + end.bundleHash());
        }
        boolean valid;
        try {
            valid = Ed25519.verify(trusted, BundleRecords.signedDigestMessage(computed),
                    Base64.getDecoder().decode(end.signature()));
        } catch (IllegalArgumentException | NullPointerException e) {
            valid = false;
        }
        return valid ? Check.holds("bundle signature", "every line is as the service signed it")
                : Check.fails("bundle signature", "the signature over the bundle's SHA-256 does not verify");
    }

    private Check entriesCheck(boolean complete) {
        if (filterProblem != null) {
            return Check.fails("entries", filterProblem);
        }
        if (!complete || end.entries() == null || end.entries() != entries) {
            return Check.fails("entries", entries + " entries read, the end record says "
                    + (end == null ? "nothing" : end.entries()));
        }
        String tenant = header.tenantId() == null ? "every tenant" : "tenant " + header.tenantId();
        return Check.holds("entries", entries + " entries, all of " + tenant + " in [" + header.from() + ", "
                + header.to() + ")");
    }

    private Check rootCheck(boolean complete, CheckpointChecks checkpointChecks) {
        if (treeProblem != null) {
            return Check.fails("merkle root", treeProblem);
        }
        if (!complete || checkpointChecks.anchor() == null) {
            return Check.fails("merkle root", "not checked: no complete bundle or no valid anchor checkpoint");
        }
        long size = checkpointChecks.anchor().treeSize();
        String root = Hex.of(tree.root());
        if (tree.size() != size || !root.equals(checkpointChecks.anchor().rootHash())) {
            return Check.fails("merkle root", "entries and nodes give " + tree.size() + " leaves with root " + root
                    + "; the anchor checkpoint says " + size + " leaves with root "
                    + checkpointChecks.anchor().rootHash());
        }
        return Check.holds("merkle root", entries + " entries and " + nodes + " nodes rebuild root " + root
                + " of the signed checkpoint at tree size " + size);
    }
}
