package io.civitas.tenant.admin;

import java.time.Instant;

import io.civitas.tenant.domain.IssuedApiKey;

/**
 * Answer of {@code POST /admin/v1/tenants/{id}/keys}: the only response that ever carries the full key.
 */
public record CreatedKeyResponse(String id, String name, String key, String prefix, Instant createdAt) {

    static CreatedKeyResponse of(IssuedApiKey issued) {
        return new CreatedKeyResponse(issued.id(), issued.name(), issued.key(), issued.prefix(), issued.createdAt());
    }

    @Override
    public String toString() {
        return "CreatedKeyResponse[id=" + id + ", name=" + name + ", prefix=" + prefix + "]";
    }
}
