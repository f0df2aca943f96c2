package io.civitas.audit.chain;

/**
 * Outcome of walking the audit chain: either intact, or broken at the first entry whose link does not hold.
 *
 * @param verifiedEntries entries whose link held, in seq order from 1
 * @param brokenSeq seq of the first broken link (a missing seq counts too), or null when intact
 * @param problem what is wrong at {@code brokenSeq}, or null when intact
 */
public record ChainVerification(long verifiedEntries, Long brokenSeq, String problem) {

    public ChainVerification {
        if (verifiedEntries < 0) {
            throw new IllegalArgumentException("verifiedEntries must not be negative");
        }
        if ((brokenSeq == null) != (problem == null)) {
            throw new IllegalArgumentException("brokenSeq and problem go together");
        }
    }

    /** An intact chain of {@code entries} entries. */
    public static ChainVerification intact(long entries) {
        return new ChainVerification(entries, null, null);
    }

    /** A chain whose links hold up to {@code brokenSeq - 1} and break at {@code brokenSeq}. */
    public static ChainVerification broken(long brokenSeq, String problem) {
        return new ChainVerification(brokenSeq - 1, brokenSeq, problem);
    }

    /** True when every link holds. */
    public boolean isIntact() {
        return brokenSeq == null;
    }
}
