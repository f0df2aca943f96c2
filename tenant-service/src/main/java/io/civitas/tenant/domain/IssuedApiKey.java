package io.civitas.tenant.domain;

import java.util.Objects;

/**
 * A freshly issued API key. {@code key} is the full secret key: it is handed to the caller once and never stored.
 */
public record IssuedApiKey(ApiKey apiKey, String key) {

    public IssuedApiKey {
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(key, "key");
    }

    @Override
    public String toString() {
        return "IssuedApiKey[id=" + apiKey.id() + ", prefix=" + apiKey.prefix() + "]";
    }
}
