package io.civitas.audit.merkle;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.civitas.audit.verifier.merkle.CompactRange;
import io.civitas.audit.verifier.merkle.MerkleHash;
import io.civitas.audit.verifier.merkle.Subtree;

/**
 * Extends the stored Merkle tree inside the appender's transaction: one merkle_leaf row per entry and one
 * merkle_node row per completed subtree of level {@value #STORED_LEVEL} or more. The tree's right edge (its compact
 * range, at most 64 hashes) is kept in memory and reloaded whenever another writer moved the tree on.
 */
@ApplicationScoped
public class MerkleLog {

    /** Lowest level of the subtrees stored in merkle_node (256 leaves). */
    public static final int STORED_LEVEL = 8;

    private static final String INSERT_LEAF = "INSERT INTO merkle_leaf (seq, leaf_hash, entry) VALUES (?, ?, ?)";
    private static final String INSERT_NODE = "INSERT INTO merkle_node (level, idx, hash) VALUES (?, ?, ?)";

    private CompactRange frontier;

    /** A canonical entry to add as leaf seq - 1. */
    public record Leaf(long seq, byte[] entry) {
    }

    /**
     * Adds the leaves, in seq order, directly after the stored tree, on the caller's connection and transaction.
     * Call {@link #committed(CompactRange)} with the result once that transaction committed.
     *
     * @return the tree's compact range after the leaves
     */
    public synchronized CompactRange extend(Connection connection, List<Leaf> leaves) throws SQLException {
        StoredTree stored = new StoredTree(connection);
        long size = stored.size();
        CompactRange range = frontier != null && frontier.size() == size ? copy(frontier) : stored.frontier(size);
        try (PreparedStatement leafInsert = connection.prepareStatement(INSERT_LEAF);
                PreparedStatement nodeInsert = connection.prepareStatement(INSERT_NODE)) {
            for (Leaf leaf : leaves) {
                byte[] hash = MerkleHash.leaf(leaf.entry());
                if (leaf.seq() != range.size() + 1) {
                    throw new IllegalStateException("leaf seq " + leaf.seq() + " does not follow " + range.size());
                }
                leafInsert.setLong(1, leaf.seq());
                leafInsert.setBytes(2, hash);
                leafInsert.setBytes(3, leaf.entry());
                leafInsert.addBatch();
                for (Subtree merged : range.appendLeaf(hash)) {
                    if (merged.level() >= STORED_LEVEL) {
                        nodeInsert.setInt(1, merged.level());
                        nodeInsert.setLong(2, merged.start() >> merged.level());
                        nodeInsert.setBytes(3, merged.hash());
                        nodeInsert.addBatch();
                    }
                }
            }
            leafInsert.executeBatch();
            nodeInsert.executeBatch();
        }
        return range;
    }

    /** Remembers the tree's right edge after a committed extension. */
    public synchronized void committed(CompactRange range) {
        frontier = range;
    }

    private static CompactRange copy(CompactRange range) {
        CompactRange copy = new CompactRange();
        range.subtrees().forEach(copy::append);
        return copy;
    }
}
