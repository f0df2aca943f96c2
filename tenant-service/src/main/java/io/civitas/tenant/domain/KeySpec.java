package io.civitas.tenant.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * What a new key gets: a name, scopes, an optional expiry and its own limits.
 */
public record KeySpec(String name, Set<Scope> scopes, Instant expiresAt, KeyLimits limits) {

    public KeySpec {
        Objects.requireNonNull(name, "name");
        name = name.strip();
        scopes = scopes == null || scopes.isEmpty() ? Scope.DEFAULT : Set.copyOf(scopes);
        limits = limits == null ? KeyLimits.NONE : limits;
    }
}
