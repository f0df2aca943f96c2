package io.civitas.tenant.persistence;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.civitas.tenant.domain.Quotas;
import io.civitas.tenant.domain.Tenant;
import io.civitas.tenant.domain.TenantAttributes;
import io.civitas.tenant.domain.TenantStatus;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * Row of {@code tenant}. {@code allowed_models} is kept only for instances of the previous version (see V2).
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
    private List<String> legacyAllowedModels = new ArrayList<>();

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "allowed_regions", nullable = false, columnDefinition = "text[]")
    private List<String> allowedRegions = new ArrayList<>();

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private TenantStatus status;

    @Column(name = "data_classification", nullable = false, length = 40)
    private String dataClassification;

    @Column(name = "cost_centre", length = 100)
    private String costCentre;

    @Column(name = "price_book", length = 100)
    private String priceBook;

    @Column(nullable = false)
    private long version;

    @Column(name = "quota_requests_per_minute", nullable = false)
    private int quotaRequestsPerMinute;

    @Column(name = "quota_tokens_per_minute", nullable = false)
    private long quotaTokensPerMinute;

    @Column(name = "quota_monthly_token_budget", nullable = false)
    private long quotaMonthlyTokenBudget;

    @Column(name = "quota_monthly_cost_budget", precision = 18, scale = 2)
    private BigDecimal quotaMonthlyCostBudget;

    @Column(name = "quota_max_concurrency", nullable = false)
    private int quotaMaxConcurrency;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at")
    private Instant updatedAt;

    protected TenantEntity() {
    }

    public TenantEntity(UUID id, String name, Instant createdAt) {
        this.id = id;
        this.name = name;
        this.status = TenantStatus.ACTIVE;
        this.dataClassification = TenantAttributes.DEFAULT_CLASSIFICATION;
        this.version = 0;
        this.createdAt = createdAt;
    }

    public UUID getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public TenantStatus getStatus() {
        return status;
    }

    public void setStatus(TenantStatus status) {
        this.status = status;
    }

    /** Applies the non-null attributes. */
    public void apply(TenantAttributes attributes) {
        if (attributes.name() != null) {
            name = attributes.name();
        }
        if (attributes.allowedRegions() != null) {
            allowedRegions = new ArrayList<>(attributes.allowedRegions());
        }
        if (attributes.dataClassification() != null) {
            dataClassification = attributes.dataClassification();
        }
        if (attributes.costCentre() != null) {
            costCentre = attributes.costCentre();
        }
        if (attributes.priceBook() != null) {
            priceBook = attributes.priceBook();
        }
    }

    public void setQuotas(Quotas quotas) {
        quotaRequestsPerMinute = quotas.requestsPerMinute();
        quotaTokensPerMinute = quotas.tokensPerMinute();
        quotaMonthlyTokenBudget = quotas.monthlyTokenBudget();
        quotaMonthlyCostBudget = quotas.monthlyCostBudget();
        quotaMaxConcurrency = quotas.maxConcurrency();
    }

    public void setLegacyAllowedModels(List<String> models) {
        legacyAllowedModels = new ArrayList<>(models);
    }

    /** Records a change: the version increases by one. */
    public void changed(Instant at) {
        version++;
        updatedAt = at;
    }

    public Tenant toTenant() {
        return new Tenant(id, name, status, allowedRegions, dataClassification, costCentre, priceBook,
                new Quotas(quotaRequestsPerMinute, quotaTokensPerMinute, quotaMonthlyTokenBudget,
                        quotaMonthlyCostBudget, quotaMaxConcurrency),
                version, createdAt);
    }
}
