package io.civitas.audit.chain;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** The chain's link formula: hash = SHA-256(prev_hash || payload), with 32 zero bytes before the first entry. */
public final class ChainHash {

    /** Length in bytes of every hash in the chain. */
    public static final int LENGTH = 32;

    private static final byte[] GENESIS = new byte[LENGTH];

    private ChainHash() {
    }

    /** The prev_hash of entry 1: 32 zero bytes. */
    public static byte[] genesis() {
        return GENESIS.clone();
    }

    /** The hash of an entry whose predecessor has hash {@code prevHash} and whose payload is {@code payload}. */
    public static byte[] link(byte[] prevHash, byte[] payload) {
        if (prevHash.length != LENGTH) {
            throw new IllegalArgumentException("prev_hash must be " + LENGTH + " bytes");
        }
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(prevHash);
            sha256.update(payload);
            return sha256.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
