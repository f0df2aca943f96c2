package io.civitas.tenant.persistence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.civitas.tenant.domain.Tenant;
import io.civitas.tenant.domain.TenantStatus;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * Row of {@code tenant}.
 */
@Entity
@Table(name = "tenant")
public class TenantEntity {

    @Id
    private UUID id;

    @Column(nullable = false, length = 100)
    private String name;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "allowed_models", nullable = false, columnDefinition = "text[]")
    private List<String> allowedModels = new ArrayList<>();

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "allowed_regions", nullable = false, columnDefinition = "text[]")
    private List<String> allowedRegions = new ArrayList<>();

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private TenantStatus status;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected TenantEntity() {
    }

    public TenantEntity(UUID id, String name, List<String> allowedModels, List<String> allowedRegions,
            TenantStatus status, Instant createdAt) {
        this.id = id;
        this.name = name;
        this.allowedModels = new ArrayList<>(allowedModels);
        this.allowedRegions = new ArrayList<>(allowedRegions);
        this.status = status;
        this.createdAt = createdAt;
    }

    public UUID getId() {
        return id;
    }

    public TenantStatus getStatus() {
        return status;
    }

    public void setStatus(TenantStatus status) {
        this.status = status;
    }

    public Tenant toTenant() {
        return new Tenant(id, name, allowedModels, allowedRegions, status, createdAt);
    }
}
