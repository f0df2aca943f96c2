package io.civitas.audit.verifier.verify;

import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;

import io.civitas.audit.verifier.bundle.BundleLine;
import io.civitas.audit.verifier.checkpoint.Checkpoint;
import io.civitas.audit.verifier.checkpoint.Ed25519;
import io.civitas.audit.verifier.checkpoint.Hex;
import io.civitas.audit.verifier.checkpoint.SignedCheckpoint;
import io.civitas.audit.verifier.merkle.ConsistencyProofs;

/**
 * Checks a bundle's checkpoints: every signature, strictly growing tree sizes ending at the header's anchor size,
 * and one verifying consistency proof between each two consecutive checkpoints (nothing rewritten between them).
 */
final class CheckpointChecks {

    private final List<Check> checks = new ArrayList<>();
    private final List<Checkpoint> verified = new ArrayList<>();
    private Checkpoint anchor;

    CheckpointChecks(List<BundleLine> lines, List<BundleLine> proofs, PublicKey key, long anchorSize) {
        checks.add(signatures(lines, key));
        checks.add(sequence(lines, anchorSize));
        checks.add(consistency(proofs));
    }

    List<Check> checks() {
        return checks;
    }

    /** Checkpoints whose signature verified, in bundle order. */
    List<Checkpoint> verified() {
        return verified;
    }

    /** The last checkpoint when its signature verified and its size is the header's; else null. */
    Checkpoint anchor() {
        return anchor;
    }

    private Check signatures(List<BundleLine> lines, PublicKey key) {
        if (lines.isEmpty() || key == null) {
            return Check.fails("checkpoint signatures", "no checkpoints or no key");
        }
        String keyId = Ed25519.keyId(key);
        int bad = 0;
        for (BundleLine line : lines) {
            SignedCheckpoint signed = new SignedCheckpoint(line.checkpoint(), line.signature());
            if (keyId.equals(line.checkpoint().keyId()) && signed.verify(key)) {
                verified.add(line.checkpoint());
            } else {
                bad++;
            }
        }
        return bad == 0 ? Check.holds("checkpoint signatures", lines.size() + " checkpoints signed by " + keyId)
                : Check.fails("checkpoint signatures", bad + " of " + lines.size() + " checkpoint signatures fail");
    }

    private Check sequence(List<BundleLine> lines, long anchorSize) {
        if (verified.size() != lines.size() || lines.isEmpty()) {
            return Check.fails("checkpoint sequence", "not checked: unsigned checkpoints");
        }
        int linked = 0;
        for (int i = 1; i < verified.size(); i++) {
            Checkpoint earlier = verified.get(i - 1);
            Checkpoint later = verified.get(i);
            if (later.treeSize() <= earlier.treeSize()) {
                return Check.fails("checkpoint sequence", "tree size " + later.treeSize() + " follows "
                        + earlier.treeSize());
            }
            if (later.prevHash().equals(earlier.hash())) {
                linked++;
            }
        }
        Checkpoint last = verified.getLast();
        if (last.treeSize() != anchorSize) {
            return Check.fails("checkpoint sequence", "the last checkpoint has tree size " + last.treeSize()
                    + ", the header names " + anchorSize);
        }
        anchor = last;
        return Check.holds("checkpoint sequence", verified.size() + " checkpoints, tree sizes " + verified.getFirst()
                .treeSize() + " to " + last.treeSize() + "; " + linked + " directly chained by prevHash");
    }

    private Check consistency(List<BundleLine> proofs) {
        if (anchor == null) {
            return Check.fails("consistency proofs", "not checked: checkpoint sequence does not hold");
        }
        if (proofs.size() != verified.size() - 1) {
            return Check.fails("consistency proofs", proofs.size() + " proofs for " + (verified.size() - 1)
                    + " consecutive checkpoint pairs");
        }
        for (int i = 1; i < verified.size(); i++) {
            Checkpoint earlier = verified.get(i - 1);
            Checkpoint later = verified.get(i);
            BundleLine proof = proofs.get(i - 1);
            if (proof.fromSize() != earlier.treeSize() || proof.toSize() != later.treeSize()
                    || !ConsistencyProofs.verify(earlier.treeSize(), later.treeSize(), Hex.parse(earlier.rootHash()),
                            Hex.parse(later.rootHash()), proof.proof().stream().map(Hex::parse).toList())) {
                return Check.fails("consistency proofs", "tree size " + later.treeSize()
                        + " is not shown to extend tree size " + earlier.treeSize());
            }
        }
        return Check.holds("consistency proofs", (verified.size() - 1) + " proofs: each checkpoint extends the one "
                + "before, nothing rewritten");
    }
}
