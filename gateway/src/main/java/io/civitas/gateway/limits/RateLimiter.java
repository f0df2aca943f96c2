package io.civitas.gateway.limits;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.civitas.gateway.error.RateLimitExceededException;

/**
 * Requests and tokens per minute of each tenant and key, as this replica admitted them plus what the other replicas
 * reported ({@link #apply(UsageReport)}); a request is admitted while every applicable count is below its limit. What
 * this replica admits is also kept as pending deltas for {@link #drainReports()}, which the gossip publishes.
 */
public final class RateLimiter {

    private static final String TENANT = "";

    private record Subject(String tenantId, String keyId) {
    }

    private record Bucket(Subject subject, long epochSecond) {
    }

    private static final class Counts {
        private final MinuteWindow requests = new MinuteWindow();
        private final MinuteWindow tokens = new MinuteWindow();

        boolean isIdle(long now) {
            return requests.isIdle(now) && tokens.isIdle(now);
        }
    }

    private final String replica;
    private final Clock clock;
    private final Map<Subject, Counts> counts = new HashMap<>();
    private final Map<Bucket, long[]> pending = new HashMap<>();
    private long reportsApplied;
    private long lastEviction;

    public RateLimiter(String replica, Clock clock) {
        this.replica = replica;
        this.clock = clock;
    }

    public String replica() {
        return replica;
    }

    /** Admits one request of the key, or fails with {@link RateLimitExceededException} without counting it. */
    public synchronized void admit(String tenantId, String keyId, Quota tenantQuota, Quota keyQuota) {
        long now = now();
        Subject tenant = new Subject(tenantId, TENANT);
        Subject key = new Subject(tenantId, keyId);
        check(tenant, tenantQuota, "organization " + tenantId, now);
        check(key, keyQuota, "key " + keyId, now);
        add(tenant, now, 1, 0);
        add(key, now, 1, 0);
    }

    /** Counts the tokens (prompt and completion) of a finished request. */
    public synchronized void recordTokens(String tenantId, String keyId, long tokens) {
        if (tokens <= 0) {
            return;
        }
        long now = now();
        add(new Subject(tenantId, TENANT), now, 0, tokens);
        add(new Subject(tenantId, keyId), now, 0, tokens);
    }

    /** Takes what this replica admitted since the last call, one report per tenant, and forgets idle counts. */
    public synchronized List<UsageReport> drainReports() {
        Map<String, List<UsageReport.Entry>> byTenant = new HashMap<>();
        pending.forEach((bucket, delta) -> byTenant.computeIfAbsent(bucket.subject().tenantId(), t -> new ArrayList<>())
                .add(new UsageReport.Entry(bucket.subject().keyId(), bucket.epochSecond(), delta[0], delta[1])));
        pending.clear();
        long now = now();
        if (now != lastEviction) {
            lastEviction = now;
            counts.values().removeIf(subjectCounts -> subjectCounts.isIdle(now));
        }
        return byTenant.entrySet().stream()
                .map(tenant -> new UsageReport(replica, tenant.getKey(), tenant.getValue())).toList();
    }

    /** Adds another replica's report (this replica's own are ignored); seconds outside the window are clamped. */
    public synchronized void apply(UsageReport report) {
        if (replica.equals(report.replica())) {
            return;
        }
        long now = now();
        for (UsageReport.Entry entry : report.entries()) {
            long second = Math.min(now, entry.epochSecond());
            if (second > now - MinuteWindow.SECONDS) {
                Counts subject = counts(new Subject(report.tenantId(), entry.keyId()));
                subject.requests.add(second, entry.requests());
                subject.tokens.add(second, entry.tokens());
            }
        }
        reportsApplied++;
    }

    /** Reports of other replicas applied so far. */
    public synchronized long reportsApplied() {
        return reportsApplied;
    }

    private void check(Subject subject, Quota quota, String who, long now) {
        Counts subjectCounts = counts.get(subject);
        if (subjectCounts == null) {
            return;
        }
        limit(subjectCounts.requests, quota.requestsPerMinute(), RateLimitExceededException.REQUESTS, who, now);
        limit(subjectCounts.tokens, quota.tokensPerMinute(), RateLimitExceededException.TOKENS, who, now);
    }

    private static void limit(MinuteWindow window, long perMinute, String kind, String who, long now) {
        if (perMinute > 0 && window.total(now) >= perMinute) {
            throw new RateLimitExceededException(kind, who, perMinute, window.secondsUntilBelow(perMinute, now));
        }
    }

    private void add(Subject subject, long now, long requests, long tokens) {
        Counts subjectCounts = counts(subject);
        subjectCounts.requests.add(now, requests);
        subjectCounts.tokens.add(now, tokens);
        long[] delta = pending.computeIfAbsent(new Bucket(subject, now), bucket -> new long[2]);
        delta[0] += requests;
        delta[1] += tokens;
    }

    private Counts counts(Subject subject) {
        return counts.computeIfAbsent(subject, ignored -> new Counts());
    }

    private long now() {
        return clock.instant().getEpochSecond();
    }
}
