package io.civitas.tenant.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * A freshly issued API key. {@code key} is the full secret key: it is handed to the caller once and never stored.
 */
public record IssuedApiKey(String id, String name, String key, String prefix, Instant createdAt) {

    public IssuedApiKey {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    @Override
    public String toString() {
        return "IssuedApiKey[id=" + id + ", name=" + name + ", prefix=" + prefix + ", createdAt=" + createdAt + "]";
    }
}
