package io.civitas.audit.verifier.merkle;

import java.util.ArrayList;
import java.util.List;

/**
 * The perfect subtrees that make up a Merkle tree of leaves [0, size), built left to right from leaves or from larger
 * subtrees in any aligned mix, in O(log size) memory. Equal neighbours merge, as a binary counter carries, so after
 * any sequence of appends the range holds the tree's canonical decomposition and {@link #root()} is its RFC 6962 root.
 */
public final class CompactRange {

    private final List<Subtree> subtrees = new ArrayList<>();
    private long size;

    /** Appends the subtree that starts where the range ends; returns the subtrees completed by merging, lowest first. */
    public List<Subtree> append(Subtree subtree) {
        if (subtree.start() != size) {
            throw new IllegalArgumentException("subtree starts at " + subtree.start() + " but the range ends at " + size);
        }
        if (!subtrees.isEmpty() && subtrees.getLast().level() < subtree.level()) {
            throw new IllegalArgumentException("a subtree of level " + subtree.level() + " cannot follow one of level "
                    + subtrees.getLast().level());
        }
        List<Subtree> merged = new ArrayList<>(0);
        Subtree current = subtree;
        while (!subtrees.isEmpty() && subtrees.getLast().level() == current.level()) {
            Subtree left = subtrees.removeLast();
            current = new Subtree(left.start(), left.level() + 1, MerkleHash.node(left.hash(), current.hash()));
            merged.add(current);
        }
        subtrees.add(current);
        size = subtree.end();
        return merged;
    }

    /** Appends one leaf hash; returns the subtrees it completed, lowest first. */
    public List<Subtree> appendLeaf(byte[] leafHash) {
        return append(Subtree.leaf(size, leafHash));
    }

    /** Number of leaves covered. */
    public long size() {
        return size;
    }

    /** The RFC 6962 root: the subtrees folded from the right. */
    public byte[] root() {
        if (subtrees.isEmpty()) {
            return MerkleHash.empty();
        }
        byte[] root = subtrees.getLast().hash();
        for (int i = subtrees.size() - 2; i >= 0; i--) {
            root = MerkleHash.node(subtrees.get(i).hash(), root);
        }
        return root;
    }

    /** The decomposition, largest subtree first. */
    public List<Subtree> subtrees() {
        return List.copyOf(subtrees);
    }

    /** Starts of the perfect subtrees that make up a tree of {@code size} leaves, with their levels, largest first. */
    public static List<long[]> decomposition(long size) {
        List<long[]> parts = new ArrayList<>();
        long start = 0;
        for (int level = Subtree.MAX_LEVEL; level >= 0; level--) {
            if ((size & Subtree.size(level)) != 0) {
                parts.add(new long[] { start, level });
                start += Subtree.size(level);
            }
        }
        return parts;
    }

    /**
     * Maximal aligned perfect subtrees covering the leaves [from, to), left to right: what fills a gap between
     * exported entries.
     */
    public static List<long[]> cover(long from, long to) {
        List<long[]> parts = new ArrayList<>();
        long position = from;
        while (position < to) {
            int level = position == 0 ? Subtree.MAX_LEVEL : Long.numberOfTrailingZeros(position);
            while (Subtree.size(level) > to - position) {
                level--;
            }
            parts.add(new long[] { position, level });
            position += Subtree.size(level);
        }
        return parts;
    }
}
