package io.civitas.tenant.domain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * An API key as listed to administrators: never its secret or hash.
 */
public record ApiKey(String id, UUID tenantId, String name, String prefix, List<String> scopes, KeyLimits limits,
        Instant createdAt, Instant expiresAt, Instant lastUsedAt, Instant revokedAt, String replacedBy) {

    /** Lifecycle state at a given time. */
    public enum State {
        ACTIVE, EXPIRED, REVOKED
    }

    public ApiKey {
        Objects.requireNonNull(id, "id");
        scopes = List.copyOf(scopes);
    }

    public State stateAt(Instant now) {
        if (revokedAt != null) {
            return State.REVOKED;
        }
        return expiresAt != null && !now.isBefore(expiresAt) ? State.EXPIRED : State.ACTIVE;
    }
}
