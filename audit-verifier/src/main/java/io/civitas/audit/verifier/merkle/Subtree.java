package io.civitas.audit.verifier.merkle;

/**
 * The hash of a perfect subtree of 2^level leaves starting at leaf index {@code start}; {@code start} is a multiple of
 * 2^level, as every perfect subtree of an RFC 6962 tree is.
 */
public record Subtree(long start, int level, byte[] hash) {

    /** Highest level a tree of up to 2^63 - 1 leaves has. */
    public static final int MAX_LEVEL = 62;

    public Subtree {
        if (start < 0) {
            throw new IllegalArgumentException("start must not be negative");
        }
        if (level < 0 || level > MAX_LEVEL) {
            throw new IllegalArgumentException("level must be between 0 and " + MAX_LEVEL);
        }
        if ((start & (size(level) - 1)) != 0) {
            throw new IllegalArgumentException("a subtree of level " + level + " cannot start at " + start);
        }
        if (hash == null || hash.length != MerkleHash.LENGTH) {
            throw new IllegalArgumentException("hash must be " + MerkleHash.LENGTH + " bytes");
        }
    }

    /** The subtree holding one leaf. */
    public static Subtree leaf(long index, byte[] leafHash) {
        return new Subtree(index, 0, leafHash);
    }

    /** Number of leaves of a subtree of this level. */
    public static long size(int level) {
        return 1L << level;
    }

    /** Index of the first leaf after this subtree. */
    public long end() {
        return start + size(level);
    }
}
