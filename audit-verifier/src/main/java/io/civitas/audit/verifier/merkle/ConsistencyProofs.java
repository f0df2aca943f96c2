package io.civitas.audit.verifier.merkle;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** RFC 9162 section 2.1.4 consistency proofs: that a tree of n leaves extends a tree of m leaves. */
public final class ConsistencyProofs {

    private ConsistencyProofs() {
    }

    /** PROOF(m, D[n]) of RFC 9162 2.1.4.1. */
    public static List<byte[]> prove(long m, long n, NodeSource nodes) {
        if (m < 0 || m > n) {
            throw new IllegalArgumentException("need 0 <= m <= n, got m=" + m + " n=" + n);
        }
        List<byte[]> proof = new ArrayList<>();
        if (m > 0 && m < n) {
            subproof(m, 0, n, true, nodes, proof);
        }
        return proof;
    }

    private static void subproof(long m, long start, long n, boolean complete, NodeSource nodes, List<byte[]> proof) {
        if (m == n) {
            if (!complete) {
                proof.add(nodes.range(start, n));
            }
            return;
        }
        long k = Long.highestOneBit(n - 1);
        if (m <= k) {
            subproof(m, start, k, complete, nodes, proof);
            proof.add(nodes.range(start + k, n - k));
        } else {
            subproof(m - k, start + k, n - k, false, nodes, proof);
            proof.add(nodes.range(start, k));
        }
    }

    /** The verification algorithm of RFC 9162 2.1.4.2. */
    public static boolean verify(long first, long second, byte[] firstHash, byte[] secondHash, List<byte[]> path) {
        if (first < 0 || first > second) {
            return false;
        }
        if (first == second) {
            return path.isEmpty() && Arrays.equals(firstHash, secondHash);
        }
        if (first == 0) {
            return path.isEmpty();
        }
        List<byte[]> proof = new ArrayList<>(path.size() + 1);
        if (Long.bitCount(first) == 1) {
            proof.add(firstHash);
        }
        proof.addAll(path);
        if (proof.isEmpty()) {
            return false;
        }
        long fn = first - 1;
        long sn = second - 1;
        while ((fn & 1) == 1) {
            fn >>= 1;
            sn >>= 1;
        }
        byte[] fr = proof.getFirst();
        byte[] sr = proof.getFirst();
        for (byte[] c : proof.subList(1, proof.size())) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = MerkleHash.node(c, fr);
                sr = MerkleHash.node(c, sr);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                sr = MerkleHash.node(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return Arrays.equals(fr, firstHash) && Arrays.equals(sr, secondHash) && sn == 0;
    }
}
