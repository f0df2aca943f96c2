package io.civitas.audit.verifier.checkpoint;

import java.util.HexFormat;

import io.civitas.audit.verifier.merkle.MerkleHash;

/** Lowercase hex of hashes. */
public final class Hex {

    private static final HexFormat HEX = HexFormat.of();

    private Hex() {
    }

    public static String of(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    /** Parses hex; throws IllegalArgumentException on anything else. */
    public static byte[] parse(String hex) {
        return HEX.parseHex(hex);
    }

    /** Checks that {@code value} is the lowercase hex of a 32-byte hash. */
    public static void requireHash(String value, String name) {
        if (value == null || value.length() != 2 * MerkleHash.LENGTH || !value.chars().allMatch(Hex::isLowerHex)) {
            throw new IllegalArgumentException(name + " must be 64 lowercase hex digits");
        }
    }

    private static boolean isLowerHex(int c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f';
    }
}
