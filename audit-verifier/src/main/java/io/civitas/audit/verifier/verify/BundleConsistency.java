package io.civitas.audit.verifier.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.civitas.audit.verifier.checkpoint.Checkpoint;

/**
 * Whether a later bundle shows the log it was exported from extends the log of an earlier bundle: both verify on
 * their own, and the later one carries the earlier one's anchor checkpoint, linked to its own anchor by verified
 * consistency proofs. Then every entry under the earlier anchor is unchanged, wherever it was exported.
 */
public final class BundleConsistency {

    private BundleConsistency() {
    }

    /** The checks of the two bundles, prefixed, and the consistency check between them. */
    public static List<Check> check(Report earlier, Report later) {
        List<Check> checks = new ArrayList<>();
        earlier.checks().forEach(c -> checks.add(new Check("earlier: " + c.name(), c.holds(), c.detail())));
        later.checks().forEach(c -> checks.add(new Check("later: " + c.name(), c.holds(), c.detail())));
        checks.add(between(earlier, later));
        return checks;
    }

    private static Check between(Report earlier, Report later) {
        String name = "later extends earlier";
        if (!earlier.holds() || !later.holds()) {
            return Check.fails(name, "not checked: a bundle does not verify on its own");
        }
        if (!Objects.equals(earlier.keyId(), later.keyId())) {
            return Check.fails(name, "the bundles are signed by different keys");
        }
        Checkpoint old = earlier.anchor();
        if (later.anchor().treeSize() < old.treeSize()) {
            return Check.fails(name, "the later bundle's tree (" + later.anchor().treeSize()
                    + " entries) is smaller than the earlier one's (" + old.treeSize() + ")");
        }
        boolean carried = later.checkpoints().stream().anyMatch(c -> c.hash().equals(old.hash()));
        if (!carried) {
            return Check.fails(name, "the later bundle does not carry the earlier anchor checkpoint (tree size "
                    + old.treeSize() + "); export it with consistentWith=" + old.treeSize());
        }
        return Check.holds(name, "tree size " + later.anchor().treeSize() + " extends tree size " + old.treeSize()
                + " (root " + old.rootHash() + "): nothing was rewritten");
    }
}
