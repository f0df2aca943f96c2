package io.civitas.gateway.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Resolved keys by digest, each for a fixed time; when full, expired entries go first, then everything. */
public final class GrantCache {

    private record Entry(TenantGrant grant, Instant expiresAt) {
    }

    private final ConcurrentHashMap<KeyDigest, Entry> entries = new ConcurrentHashMap<>();
    private final Duration ttl;
    private final int maxSize;
    private final Clock clock;

    public GrantCache(Duration ttl, int maxSize, Clock clock) {
        if (ttl.isNegative() || maxSize < 1) {
            throw new IllegalArgumentException("ttl must be >= 0 and maxSize >= 1");
        }
        this.ttl = ttl;
        this.maxSize = maxSize;
        this.clock = clock;
    }

    public Optional<TenantGrant> get(KeyDigest digest) {
        Entry entry = entries.get(digest);
        if (entry == null) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(entry.expiresAt())) {
            entries.remove(digest, entry);
            return Optional.empty();
        }
        return Optional.of(entry.grant());
    }

    public void put(KeyDigest digest, TenantGrant grant) {
        if (ttl.isZero()) {
            return;
        }
        Instant now = clock.instant();
        if (entries.size() >= maxSize) {
            entries.values().removeIf(entry -> !now.isBefore(entry.expiresAt()));
            if (entries.size() >= maxSize) {
                entries.clear();
            }
        }
        entries.put(digest, new Entry(grant, now.plus(ttl)));
    }

    public int size() {
        return entries.size();
    }
}
