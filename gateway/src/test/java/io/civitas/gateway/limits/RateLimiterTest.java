package io.civitas.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.civitas.gateway.error.RateLimitExceededException;
import io.civitas.gateway.support.MovableClock;

class RateLimiterTest {

    private static final Quota NONE = Quota.UNLIMITED;
    private static final Quota THREE_RPM = new Quota(3, 0, 0);

    private final MovableClock clock = new MovableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final RateLimiter limiter = new RateLimiter("replica-a", clock);

    @Test
    void shouldRefuseTheRequestAfterTheKeysLimitUntilTheFirstLeavesTheWindow() {
        // Given
        limiter.admit("t", "k", NONE, THREE_RPM);
        clock.advance(Duration.ofSeconds(10));
        limiter.admit("t", "k", NONE, THREE_RPM);
        limiter.admit("t", "k", NONE, THREE_RPM);

        // When / Then
        assertThatThrownBy(() -> limiter.admit("t", "k", NONE, THREE_RPM))
                .isInstanceOfSatisfying(RateLimitExceededException.class, e -> {
                    assertThat(e.kind()).isEqualTo("requests");
                    assertThat(e.retryAfterSeconds()).isEqualTo(50);
                });
        clock.advance(Duration.ofSeconds(50));
        limiter.admit("t", "k", NONE, THREE_RPM);
    }

    @Test
    void shouldShareTheTenantsLimitBetweenItsKeysButNotWithOtherTenants() {
        // Given
        limiter.admit("t", "k1", THREE_RPM, NONE);
        limiter.admit("t", "k2", THREE_RPM, NONE);
        limiter.admit("t", "k3", THREE_RPM, NONE);

        // When / Then
        assertThatThrownBy(() -> limiter.admit("t", "k4", THREE_RPM, NONE))
                .isInstanceOf(RateLimitExceededException.class).hasMessageContaining("organization t");
        limiter.admit("other", "k1", THREE_RPM, NONE);
    }

    @Test
    void shouldRefuseWhileTheTokensOfFinishedRequestsReachTheLimit() {
        // Given
        Quota tenTokens = new Quota(0, 10, 0);
        limiter.admit("t", "k", NONE, tenTokens);
        limiter.recordTokens("t", "k", 9);
        limiter.admit("t", "k", NONE, tenTokens);
        limiter.recordTokens("t", "k", 9);

        // When / Then
        assertThatThrownBy(() -> limiter.admit("t", "k", NONE, tenTokens))
                .isInstanceOfSatisfying(RateLimitExceededException.class,
                        e -> assertThat(e.kind()).isEqualTo("tokens"));
    }

    @Test
    void shouldCountWhatOtherReplicasReportButNotItsOwnReports() {
        // Given
        RateLimiter other = new RateLimiter("replica-b", clock);
        other.admit("t", "k", NONE, THREE_RPM);
        other.admit("t", "k", NONE, THREE_RPM);
        List<UsageReport> reports = other.drainReports();
        limiter.admit("t", "k", NONE, THREE_RPM);
        List<UsageReport> own = limiter.drainReports();

        // When
        reports.forEach(limiter::apply);
        own.forEach(limiter::apply);

        // Then
        assertThat(limiter.reportsApplied()).isEqualTo(1);
        assertThatThrownBy(() -> limiter.admit("t", "k", NONE, THREE_RPM))
                .isInstanceOf(RateLimitExceededException.class);
    }

    @Test
    void shouldReportEachAdmissionOnceAndPerTenant() {
        // Given
        limiter.admit("t1", "k", NONE, NONE);
        limiter.admit("t2", "k", NONE, NONE);
        limiter.recordTokens("t1", "k", 7);

        // When
        List<UsageReport> first = limiter.drainReports();
        List<UsageReport> second = limiter.drainReports();

        // Then
        assertThat(first).extracting(UsageReport::tenantId).containsExactlyInAnyOrder("t1", "t2");
        UsageReport t1 = first.stream().filter(report -> report.tenantId().equals("t1")).findFirst().orElseThrow();
        assertThat(t1.entries()).extracting(UsageReport.Entry::keyId, UsageReport.Entry::requests,
                UsageReport.Entry::tokens).containsExactlyInAnyOrder(
                        tuple("", 1L, 7L), tuple("k", 1L, 7L));
        assertThat(second).isEmpty();
    }
}
