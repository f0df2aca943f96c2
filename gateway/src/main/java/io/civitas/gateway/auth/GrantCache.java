package io.civitas.gateway.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Resolved keys by digest, each for a fixed time (never past the key's expiry), indexed by tenant so that a tenant
 * change drops all of them; when full, expired entries go first, then everything.
 */
public final class GrantCache {

    private record Entry(TenantGrant grant, Instant expiresAt) {
    }

    private final ConcurrentHashMap<KeyDigest, Entry> entries = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Set<KeyDigest>> byTenant = new ConcurrentHashMap<>();
    private final AtomicLong epoch = new AtomicLong();
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

    /**
     * Changes with every invalidation. A caller reads it before asking tenant-service and hands it to
     * {@link #put(KeyDigest, TenantGrant, long)}, so an answer that may predate an invalidation is not cached.
     */
    public long epoch() {
        return epoch.get();
    }

    /** Caches the grant unless the cache was invalidated since {@code epochAtLookup}. */
    public void put(KeyDigest digest, TenantGrant grant, long epochAtLookup) {
        if (ttl.isZero()) {
            return;
        }
        Instant now = clock.instant();
        if (entries.size() >= maxSize) {
            entries.values().removeIf(entry -> !now.isBefore(entry.expiresAt()));
            if (entries.size() >= maxSize) {
                entries.clear();
                byTenant.clear();
            }
        }
        Instant ttlEnd = now.plus(ttl);
        Instant expiresAt = grant.keyExpiresAt().isBefore(ttlEnd) ? grant.keyExpiresAt() : ttlEnd;
        byTenant.computeIfAbsent(grant.tenantId(), ignored -> ConcurrentHashMap.newKeySet()).add(digest);
        entries.put(digest, new Entry(grant, expiresAt));
        if (epoch.get() != epochAtLookup) {
            entries.remove(digest);
        }
    }

    /** Drops every cached grant of the tenant. */
    public void invalidateTenant(String tenantId) {
        epoch.incrementAndGet();
        Set<KeyDigest> digests = byTenant.remove(tenantId);
        if (digests != null) {
            digests.forEach(entries::remove);
        }
    }

    public int size() {
        return entries.size();
    }
}
