package io.civitas.tenant.keys;

import java.util.Objects;

/**
 * A well-formed API key: its public id and the full key. {@link #toString()} never shows the full key.
 */
public record PresentedApiKey(String keyId, String fullKey) {

    public PresentedApiKey {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(fullKey, "fullKey");
        if (!fullKey.startsWith(prefixOf(keyId) + "_")) {
            throw new IllegalArgumentException("key id does not match the key");
        }
    }

    /** The displayable, non-secret start of the key: {@code cvk_<keyId>}. */
    public String prefix() {
        return prefixOf(keyId);
    }

    private static String prefixOf(String keyId) {
        return ApiKeyFormat.SCHEME + keyId;
    }

    @Override
    public String toString() {
        return "PresentedApiKey[keyId=" + keyId + "]";
    }
}
