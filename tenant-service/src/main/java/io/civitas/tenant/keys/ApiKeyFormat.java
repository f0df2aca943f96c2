package io.civitas.tenant.keys;

import java.security.SecureRandom;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The API key format {@code cvk_<keyId>_<secret>}: a public key id of 10 random bytes (16 base32 characters, safe to
 * log) and a secret of 32 random bytes (52 base32 characters), both from {@link SecureRandom}. Neither part can
 * contain {@code _}, so parsing is unambiguous.
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
    private static final int KEY_LENGTH = SCHEME.length() + KEY_ID_LENGTH + 1 + SECRET_LENGTH;
    private static final Pattern KEY = Pattern.compile(
            SCHEME + "[a-z2-7]{" + KEY_ID_LENGTH + "}_[a-z2-7]{" + SECRET_LENGTH + "}");

    private final SecureRandom random;

    public ApiKeyFormat(SecureRandom random) {
        this.random = random;
    }

    /** Draws a new key. */
    public PresentedApiKey generate() {
        String keyId = Base32.encode(randomBytes(KEY_ID_BYTES));
        String secret = Base32.encode(randomBytes(SECRET_BYTES));
        return new PresentedApiKey(keyId, SCHEME + keyId + "_" + secret);
    }

    /** Parses a presented key; empty when it is not a well-formed Civitas key. */
    public static Optional<PresentedApiKey> parse(String presented) {
        if (presented == null || presented.length() != KEY_LENGTH || !KEY.matcher(presented).matches()) {
            return Optional.empty();
        }
        String keyId = presented.substring(SCHEME.length(), SCHEME.length() + KEY_ID_LENGTH);
        return Optional.of(new PresentedApiKey(keyId, presented));
    }

    private byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        return bytes;
    }
}
