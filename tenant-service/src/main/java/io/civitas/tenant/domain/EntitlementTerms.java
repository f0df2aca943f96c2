package io.civitas.tenant.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * Terms of an entitlement as an administrator grants them. A null {@code validFrom} means "now".
 */
public record EntitlementTerms(String licenceReference, Instant validFrom, Instant validUntil,
        long monthlyTokenCap) {

    public EntitlementTerms {
        Objects.requireNonNull(licenceReference, "licenceReference");
        licenceReference = licenceReference.strip();
        Quotas.requireNotNegative(monthlyTokenCap, "monthlyTokenCap");
        if (validFrom != null && validUntil != null && !validUntil.isAfter(validFrom)) {
            throw new InvalidRequestException("validUntil must be after validFrom");
        }
    }
}
