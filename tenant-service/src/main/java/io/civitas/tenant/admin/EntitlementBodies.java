package io.civitas.tenant.admin;

import java.time.Instant;

import io.civitas.tenant.domain.Entitlement;
import io.civitas.tenant.domain.EntitlementTerms;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * Request and response bodies of {@code /admin/v1/tenants/{id}/entitlements}.
 */
public final class EntitlementBodies {

    private EntitlementBodies() {
    }

    /** Body of {@code PUT .../entitlements/{model}}; {@code validFrom} defaults to now. */
    public record EntitlementRequest(@NotBlank @Size(max = 200) String licenceReference, Instant validFrom,
            Instant validUntil, @PositiveOrZero Long monthlyTokenCap) {

        EntitlementTerms toTerms() {
            return new EntitlementTerms(licenceReference, validFrom, validUntil, QuotasBody.orZero(monthlyTokenCap));
        }
    }

    /** An entitlement; {@code inForce} when accepted and within its validity now. */
    public record EntitlementResponse(String model, String licenceReference, Instant validFrom, Instant validUntil,
            long monthlyTokenCap, boolean licenceAccepted, Instant licenceAcceptedAt, String licenceAcceptedBy,
            boolean inForce) {

        static EntitlementResponse of(Entitlement entitlement) {
            return new EntitlementResponse(entitlement.model(), entitlement.licenceReference(),
                    entitlement.validFrom(), entitlement.validUntil(), entitlement.monthlyTokenCap(),
                    entitlement.accepted(), entitlement.licenceAcceptedAt(), entitlement.licenceAcceptedBy(),
                    entitlement.inForceAt(Instant.now()));
        }
    }
}
