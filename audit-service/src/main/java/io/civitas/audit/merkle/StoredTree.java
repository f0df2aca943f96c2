package io.civitas.audit.merkle;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

import io.civitas.audit.chain.AuditStoreException;
import io.civitas.audit.verifier.merkle.CompactRange;
import io.civitas.audit.verifier.merkle.MerkleHash;
import io.civitas.audit.verifier.merkle.NodeSource;
import io.civitas.audit.verifier.merkle.Subtree;

/**
 * The Merkle tree as stored: subtrees of level {@value MerkleLog#STORED_LEVEL} and above from merkle_node, smaller ones
 * recomputed from the leaf hashes of their 256-leaf block, the last block read kept in memory (exports walk the tree
 * left to right). One instance per connection and task; not thread-safe.
 */
public final class StoredTree implements NodeSource {

    private static final String NODE = "SELECT hash FROM merkle_node WHERE level = ? AND idx = ?";
    private static final String BLOCK = "SELECT leaf_hash FROM merkle_leaf WHERE seq > ? AND seq <= ? ORDER BY seq";
    private static final String SIZE = "SELECT coalesce(max(seq), 0) FROM merkle_leaf";
    private static final int BLOCK_SIZE = 1 << MerkleLog.STORED_LEVEL;

    private final Connection connection;
    private final Map<Long, byte[]> blockNodes = new HashMap<>();
    private long block = -1;
    private byte[][] blockLeaves = new byte[0][];

    public StoredTree(Connection connection) {
        this.connection = connection;
    }

    /** Number of leaves stored. */
    public long size() {
        try (PreparedStatement query = connection.prepareStatement(SIZE); ResultSet row = query.executeQuery()) {
            row.next();
            return row.getLong(1);
        } catch (SQLException e) {
            throw new AuditStoreException("could not read the Merkle tree size", e);
        }
    }

    /** The decomposition of the stored tree of {@code size} leaves, to continue appending to it. */
    public CompactRange frontier(long size) {
        CompactRange range = new CompactRange();
        for (long[] part : CompactRange.decomposition(size)) {
            int level = (int) part[1];
            range.append(new Subtree(part[0], level, subtree(part[0], level)));
        }
        return range;
    }

    @Override
    public byte[] subtree(long start, int level) {
        if (level >= MerkleLog.STORED_LEVEL) {
            return node(level, start >> level);
        }
        loadBlock(start / BLOCK_SIZE);
        int offset = (int) (start % BLOCK_SIZE);
        return computed(offset, level);
    }

    private byte[] computed(int offset, int level) {
        if (level == 0) {
            if (offset >= blockLeaves.length) {
                throw new AuditStoreException("leaf " + (block * BLOCK_SIZE + offset) + " is not stored", null);
            }
            return blockLeaves[offset];
        }
        long key = ((long) level << 32) | offset;
        byte[] cached = blockNodes.get(key);
        if (cached == null) {
            int half = 1 << (level - 1);
            cached = MerkleHash.node(computed(offset, level - 1), computed(offset + half, level - 1));
            blockNodes.put(key, cached);
        }
        return cached;
    }

    private void loadBlock(long wanted) {
        if (wanted == block) {
            return;
        }
        try (PreparedStatement query = connection.prepareStatement(BLOCK)) {
            query.setLong(1, wanted * BLOCK_SIZE);
            query.setLong(2, (wanted + 1) * BLOCK_SIZE);
            java.util.List<byte[]> leaves = new java.util.ArrayList<>(BLOCK_SIZE);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    leaves.add(rows.getBytes(1));
                }
            }
            blockLeaves = leaves.toArray(new byte[0][]);
            blockNodes.clear();
            block = wanted;
        } catch (SQLException e) {
            throw new AuditStoreException("could not read Merkle leaves", e);
        }
    }

    private byte[] node(int level, long index) {
        try (PreparedStatement query = connection.prepareStatement(NODE)) {
            query.setInt(1, level);
            query.setLong(2, index);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    throw new AuditStoreException("Merkle node " + level + "/" + index + " is not stored", null);
                }
                return row.getBytes(1);
            }
        } catch (SQLException e) {
            throw new AuditStoreException("could not read a Merkle node", e);
        }
    }
}
