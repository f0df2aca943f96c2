package io.civitas.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Set;

import org.junit.jupiter.api.Test;

class GrantCacheTest {

    private static final TenantGrant GRANT = new TenantGrant("tenant-a", "key-a", Set.of("m"), Set.of("eu"));

    private final MovableClock clock = new MovableClock();

    @Test
    void shouldReturnAGrantWithinItsTtl() {
        // Given
        GrantCache cache = new GrantCache(Duration.ofSeconds(30), 10, clock);
        cache.put(KeyDigest.of("sk-a"), GRANT);
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
        cache.put(KeyDigest.of("sk-a"), GRANT);
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
        cache.put(KeyDigest.of("sk-a"), GRANT);
        cache.put(KeyDigest.of("sk-b"), GRANT);
        cache.put(KeyDigest.of("sk-c"), GRANT);

        // Then
        assertThat(cache.size()).isLessThanOrEqualTo(2);
        assertThat(cache.get(KeyDigest.of("sk-c"))).contains(GRANT);
    }

    @Test
    void shouldCacheNothingWithAZeroTtl() {
        // Given
        GrantCache cache = new GrantCache(Duration.ZERO, 10, clock);

        // When
        cache.put(KeyDigest.of("sk-a"), GRANT);

        // Then
        assertThat(cache.get(KeyDigest.of("sk-a"))).isEmpty();
    }

    @Test
    void shouldKeyTheCacheOnADigestThatDoesNotContainTheKey() {
        // When
        KeyDigest digest = KeyDigest.of("sk-secret-value");

        // Then
        assertThat(digest.hex()).hasSize(64).doesNotContain("secret");
        assertThat(digest).isEqualTo(KeyDigest.of("sk-secret-value")).isNotEqualTo(KeyDigest.of("sk-other"));
    }

    private static final class MovableClock extends Clock {

        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
