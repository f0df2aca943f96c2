package io.civitas.tenant.keys;

/**
 * Lower-case RFC 4648 base32 without padding. Its alphabet ({@code a-z2-7}) has no {@code _}, so it is safe inside
 * the {@code _}-separated API key format, and survives double-click selection and URL contexts unescaped.
 */
final class Base32 {

    static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";

    private Base32() {
    }

    static String encode(byte[] data) {
        StringBuilder out = new StringBuilder(encodedLength(data.length));
        int buffer = 0;
        int bits = 0;
        for (byte b : data) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(ALPHABET.charAt((buffer >>> (bits - 5)) & 0x1f));
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(ALPHABET.charAt((buffer << (5 - bits)) & 0x1f));
        }
        return out.toString();
    }

    static int encodedLength(int byteCount) {
        return (byteCount * 8 + 4) / 5;
    }
}
