package io.civitas.audit.verifier.verify;

import java.util.List;

import io.civitas.audit.verifier.checkpoint.Checkpoint;

/**
 * What verifying a bundle found. {@code checkpoints} are those whose signature held, {@code anchor} the last of them
 * (null when none), {@code keyId} the bundle's key id (null when unreadable).
 */
public record Report(List<Check> checks, List<Checkpoint> checkpoints, Checkpoint anchor, String keyId, long entries) {

    public Report {
        checks = List.copyOf(checks);
        checkpoints = List.copyOf(checkpoints);
    }

    /** True when every check holds. */
    public boolean holds() {
        return checks.stream().allMatch(Check::holds);
    }

    /** Names of the checks that fail. */
    public List<String> failures() {
        return checks.stream().filter(c -> !c.holds()).map(Check::name).toList();
    }
}
