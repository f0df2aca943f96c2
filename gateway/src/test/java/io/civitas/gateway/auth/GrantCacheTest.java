package io.civitas.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.civitas.gateway.support.MovableClock;

class GrantCacheTest {

    private static final TenantGrant GRANT = TenantGrants.of("tenant-a", "key-a");

    private final MovableClock clock = new MovableClock(Instant.parse("2026-01-01T00:00:00Z"));

    @Test
    void shouldReturnAGrantWithinItsTtl() {
        // Given
        GrantCache cache = new GrantCache(Duration.ofSeconds(30), 10, clock);
        cache.put(KeyDigest.of("sk-a"), GRANT, cache.epoch());
        clock.advance(Duration.ofSeconds(29));

        // When
        var found = cache.get(KeyDigest.of("sk-a"));

        // Then
        assertThat(found).contains(GRANT);
    }

    @Test
    void shouldForgetAGrantAfterItsTtl() {
        // Given
        GrantCache cache = new GrantCache(Duration.ofSeconds(30), 10, clock);
        cache.put(KeyDigest.of("sk-a"), GRANT, cache.epoch());
        clock.advance(Duration.ofSeconds(30));

        // When
        var found = cache.get(KeyDigest.of("sk-a"));

        // Then
        assertThat(found).isEmpty();
    }

    @Test
    void shouldNotHoldMoreThanItsMaximumSize() {
        // Given
        GrantCache cache = new GrantCache(Duration.ofSeconds(30), 2, clock);

        // When
        cache.put(KeyDigest.of("sk-a"), GRANT, cache.epoch());
        cache.put(KeyDigest.of("sk-b"), GRANT, cache.epoch());
        cache.put(KeyDigest.of("sk-c"), GRANT, cache.epoch());

        // Then
        assertThat(cache.size()).isLessThanOrEqualTo(2);
        assertThat(cache.get(KeyDigest.of("sk-c"))).contains(GRANT);
    }

    @Test
    void shouldCacheNothingWithAZeroTtl() {
        // Given
        GrantCache cache = new GrantCache(Duration.ZERO, 10, clock);

        // When
        cache.put(KeyDigest.of("sk-a"), GRANT, cache.epoch());

        // Then
        assertThat(cache.get(KeyDigest.of("sk-a"))).isEmpty();
    }

    @Test
    void shouldDropEveryGrantOfATenantAndOnlyThose() {
        // Given
        GrantCache cache = new GrantCache(Duration.ofSeconds(30), 10, clock);
        cache.put(KeyDigest.of("sk-a1"), GRANT, cache.epoch());
        cache.put(KeyDigest.of("sk-a2"), TenantGrants.of("tenant-a", "key-a2"), cache.epoch());
        TenantGrant other = TenantGrants.of("tenant-b", "key-b");
        cache.put(KeyDigest.of("sk-b"), other, cache.epoch());

        // When
        cache.invalidateTenant("tenant-a");

        // Then
        assertThat(cache.get(KeyDigest.of("sk-a1"))).isEmpty();
        assertThat(cache.get(KeyDigest.of("sk-a2"))).isEmpty();
        assertThat(cache.get(KeyDigest.of("sk-b"))).contains(other);
    }

    @Test
    void shouldNotCacheAnAnswerLookedUpBeforeAnInvalidation() {
        // Given
        GrantCache cache = new GrantCache(Duration.ofSeconds(30), 10, clock);
        long epochAtLookup = cache.epoch();
        cache.invalidateTenant("tenant-a");

        // When
        cache.put(KeyDigest.of("sk-a"), GRANT, epochAtLookup);

        // Then
        assertThat(cache.get(KeyDigest.of("sk-a"))).isEmpty();
    }

    @Test
    void shouldNotKeepAGrantPastItsKeysExpiry() {
        // Given
        GrantCache cache = new GrantCache(Duration.ofSeconds(30), 10, clock);
        TenantGrant expiring = TenantGrants.expiringAt("tenant-a", "key-a", clock.instant().plusSeconds(5));
        cache.put(KeyDigest.of("sk-a"), expiring, cache.epoch());
        clock.advance(Duration.ofSeconds(5));

        // When
        var found = cache.get(KeyDigest.of("sk-a"));

        // Then
        assertThat(found).isEmpty();
    }

    @Test
    void shouldKeyTheCacheOnADigestThatDoesNotContainTheKey() {
        // When
        KeyDigest digest = KeyDigest.of("sk-secret-value");

        // Then
        assertThat(digest.hex()).hasSize(64).doesNotContain("secret");
        assertThat(digest).isEqualTo(KeyDigest.of("sk-secret-value")).isNotEqualTo(KeyDigest.of("sk-other"));
    }
}
