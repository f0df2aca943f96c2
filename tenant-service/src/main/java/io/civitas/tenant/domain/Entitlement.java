package io.civitas.tenant.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * A model a tenant may use under a licence. It allows the model only while {@link #inForceAt in force} and once the
 * licence terms are accepted.
 */
public record Entitlement(String model, String licenceReference, Instant validFrom, Instant validUntil,
        long monthlyTokenCap, Instant licenceAcceptedAt, String licenceAcceptedBy) {

    public Entitlement {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(licenceReference, "licenceReference");
        Objects.requireNonNull(validFrom, "validFrom");
    }

    public boolean accepted() {
        return licenceAcceptedAt != null;
    }

    /** Accepted and within its validity period. */
    public boolean inForceAt(Instant now) {
        return accepted() && !now.isBefore(validFrom) && (validUntil == null || now.isBefore(validUntil));
    }
}
