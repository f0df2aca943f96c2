package io.civitas.gateway.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of an API key: the only form of a key the gateway keeps in memory beyond one request. */
public record KeyDigest(String hex) {

    public KeyDigest {
        if (hex == null || hex.length() != 64) {
            throw new IllegalArgumentException("Not a SHA-256 hex digest");
        }
    }

    public static KeyDigest of(String apiKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(apiKey.getBytes(StandardCharsets.UTF_8));
            return new KeyDigest(HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
