package io.civitas.tenant.keys;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * The API key format {@code cvk_<keyId>_<secret><checksum>}: a public key id of 10 random bytes (16 base32
 * characters, safe to log), a secret of 32 random bytes (52 base32 characters), both from {@link SecureRandom}, and
 * the CRC32 of everything before it (7 base32 characters), so that a mistyped or truncated key is refused before any
 * database lookup. Keys of the first format, without the checksum, are still accepted. No part can contain
 * {@code _}, so parsing is unambiguous.
 */
public final class ApiKeyFormat {

    /** Marks a Civitas key, and starts the displayable prefix. */
    public static final String SCHEME = "cvk_";
    /** Random bytes in the public key id. */
    public static final int KEY_ID_BYTES = 10;
    /** Random bytes in the secret. */
    public static final int SECRET_BYTES = 32;

    private static final int KEY_ID_LENGTH = Base32.encodedLength(KEY_ID_BYTES);
    private static final int SECRET_LENGTH = Base32.encodedLength(SECRET_BYTES);
    private static final int CHECKSUM_LENGTH = Base32.encodedLength(Integer.BYTES);
    private static final int LEGACY_LENGTH = SCHEME.length() + KEY_ID_LENGTH + 1 + SECRET_LENGTH;
    private static final Pattern KEY = Pattern.compile(SCHEME + "[a-z2-7]{" + KEY_ID_LENGTH + "}_[a-z2-7]{"
            + SECRET_LENGTH + "}([a-z2-7]{" + CHECKSUM_LENGTH + "})?");

    private final SecureRandom random;

    public ApiKeyFormat(SecureRandom random) {
        this.random = random;
    }

    /** Draws a new key. */
    public PresentedApiKey generate() {
        String keyId = Base32.encode(randomBytes(KEY_ID_BYTES));
        String body = SCHEME + keyId + "_" + Base32.encode(randomBytes(SECRET_BYTES));
        return new PresentedApiKey(keyId, body + checksum(body));
    }

    /** Parses a presented key; empty when it is not a well-formed Civitas key or its checksum is wrong. */
    public static Optional<PresentedApiKey> parse(String presented) {
        if (presented == null || (presented.length() != LEGACY_LENGTH
                && presented.length() != LEGACY_LENGTH + CHECKSUM_LENGTH) || !KEY.matcher(presented).matches()) {
            return Optional.empty();
        }
        if (presented.length() > LEGACY_LENGTH
                && !checksum(presented.substring(0, LEGACY_LENGTH)).equals(presented.substring(LEGACY_LENGTH))) {
            return Optional.empty();
        }
        String keyId = presented.substring(SCHEME.length(), SCHEME.length() + KEY_ID_LENGTH);
        return Optional.of(new PresentedApiKey(keyId, presented));
    }

    /** The checksum the format appends to {@code cvk_<keyId>_<secret>}. */
    public static String checksum(String body) {
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.US_ASCII));
        return Base32.encode(ByteBuffer.allocate(Integer.BYTES).putInt((int) crc.getValue()).array());
    }

    private byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        return bytes;
    }
}
