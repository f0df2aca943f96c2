package io.civitas.audit.verifier.merkle;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * RFC 6962 / RFC 9162 hashing with SHA-256: a leaf is SHA-256(0x00 || entry bytes), an interior node
 * SHA-256(0x01 || left || right), and the empty tree SHA-256 of nothing.
 */
public final class MerkleHash {

    /** Length in bytes of every hash. */
    public static final int LENGTH = 32;

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(MerkleHash::newDigest);

    private MerkleHash() {
    }

    /** SHA-256(0x00 || entry). */
    public static byte[] leaf(byte[] entry) {
        return leaf(entry, 0, entry.length);
    }

    /** SHA-256(0x00 || entry[offset, offset + length)). */
    public static byte[] leaf(byte[] entry, int offset, int length) {
        MessageDigest digest = SHA256.get();
        digest.update((byte) 0);
        digest.update(entry, offset, length);
        return digest.digest();
    }

    /** SHA-256(0x01 || left || right). */
    public static byte[] node(byte[] left, byte[] right) {
        MessageDigest digest = SHA256.get();
        digest.update((byte) 1);
        digest.update(left);
        digest.update(right);
        return digest.digest();
    }

    /** The root of the empty tree: SHA-256 of the empty string. */
    public static byte[] empty() {
        return SHA256.get().digest();
    }

    /** SHA-256 of the bytes, for checkpoint and bundle digests. */
    public static byte[] sha256(byte[] bytes) {
        return SHA256.get().digest(bytes);
    }

    /** A fresh SHA-256 digest. */
    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
