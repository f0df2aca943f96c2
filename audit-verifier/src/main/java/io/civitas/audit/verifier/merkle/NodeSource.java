package io.civitas.audit.verifier.merkle;

/** Where proofs get the hashes of perfect subtrees of a stored tree from. */
@FunctionalInterface
public interface NodeSource {

    /** Hash of the perfect subtree of 2^level leaves starting at leaf {@code start}. */
    byte[] subtree(long start, int level);

    /** RFC 6962 MTH of the leaves [start, start + size), a range that is a subtree of the RFC 6962 tree. */
    default byte[] range(long start, long size) {
        if (size == 0) {
            return MerkleHash.empty();
        }
        if (Long.bitCount(size) == 1) {
            return subtree(start, Long.numberOfTrailingZeros(size));
        }
        long k = Long.highestOneBit(size - 1);
        return MerkleHash.node(range(start, k), range(start + k, size - k));
    }
}
