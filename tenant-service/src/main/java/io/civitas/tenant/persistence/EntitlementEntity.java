package io.civitas.tenant.persistence;

import java.time.Instant;
import java.util.UUID;

import io.civitas.tenant.domain.Entitlement;
import io.civitas.tenant.domain.EntitlementTerms;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * Row of {@code entitlement}.
 */
@Entity
@Table(name = "entitlement")
public class EntitlementEntity {

    @Id
    private UUID id;

    @Column(name = "tenant_id", nullable = false)
    private UUID tenantId;

    @Column(nullable = false, length = 100)
    private String model;

    @Column(name = "licence_reference", nullable = false, length = 200)
    private String licenceReference;

    @Column(name = "valid_from", nullable = false)
    private Instant validFrom;

    @Column(name = "valid_until")
    private Instant validUntil;

    @Column(name = "monthly_token_cap", nullable = false)
    private long monthlyTokenCap;

    @Column(name = "licence_accepted_at")
    private Instant licenceAcceptedAt;

    @Column(name = "licence_accepted_by", length = 200)
    private String licenceAcceptedBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected EntitlementEntity() {
    }

    public EntitlementEntity(UUID tenantId, String model, Instant createdAt) {
        this.id = UUID.randomUUID();
        this.tenantId = tenantId;
        this.model = model;
        this.createdAt = createdAt;
    }

    /** Sets the terms; a change of licence reference withdraws an earlier acceptance. */
    public void setTerms(EntitlementTerms terms, Instant now) {
        if (!terms.licenceReference().equals(licenceReference)) {
            licenceAcceptedAt = null;
            licenceAcceptedBy = null;
        }
        licenceReference = terms.licenceReference();
        validFrom = terms.validFrom() == null ? now : terms.validFrom();
        validUntil = terms.validUntil();
        monthlyTokenCap = terms.monthlyTokenCap();
    }

    /** Records that the licence terms were accepted; a second acceptance keeps the first. */
    public void accept(Instant at, String by) {
        if (licenceAcceptedAt == null) {
            licenceAcceptedAt = at;
            licenceAcceptedBy = by;
        }
    }

    public Entitlement toEntitlement() {
        return new Entitlement(model, licenceReference, validFrom, validUntil, monthlyTokenCap, licenceAcceptedAt,
                licenceAcceptedBy);
    }
}
