package io.civitas.gateway.limits;

import java.util.List;
import java.util.Objects;

/**
 * What one replica admitted since its last report, for one tenant: per subject (the tenant, or one of its keys) and
 * epoch second, the requests and the tokens. Gateway-internal, on the rate-usage topic as JSON (the event contract
 * has no message for it).
 */
public record UsageReport(String replica, String tenantId, List<Entry> entries) {

    /** A subject's admitted requests and finished tokens in one second; {@code keyId} is empty for the tenant. */
    public record Entry(String keyId, long epochSecond, long requests, long tokens) {

        public Entry {
            Objects.requireNonNull(keyId, "keyId");
            if (requests < 0 || tokens < 0) {
                throw new IllegalArgumentException("Counts must not be negative");
            }
        }
    }

    public UsageReport {
        Objects.requireNonNull(replica, "replica");
        Objects.requireNonNull(tenantId, "tenantId");
        entries = List.copyOf(entries);
    }
}
