package io.civitas.tenant.admin;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.civitas.tenant.domain.NewTenant;
import io.civitas.tenant.domain.Tenant;
import io.civitas.tenant.domain.TenantAttributes;
import io.civitas.tenant.domain.TenantStatus;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Request and response bodies of {@code /admin/v1/tenants}.
 */
public final class TenantBodies {

    private TenantBodies() {
    }

    /**
     * Body of {@code POST /admin/v1/tenants}. {@code allowedModels} is a shorthand for entitlements under the
     * licence {@value NewTenant#DEFAULT_LICENCE}, accepted by the creator.
     */
    public record CreateTenantRequest(
            @NotBlank @Size(max = TenantAttributes.MAX_NAME_LENGTH) String name,
            List<@NotBlank @Size(max = 100) String> allowedModels,
            List<@NotBlank @Size(max = 100) String> allowedRegions,
            @Size(max = 40) String dataClassification,
            @Size(max = 100) String costCentre,
            @Size(max = 100) String priceBook,
            QuotasBody quotas) {

        NewTenant toNewTenant() {
            return new NewTenant(new TenantAttributes(name, allowedRegions == null ? List.of() : allowedRegions,
                    dataClassification, costCentre, priceBook), allowedModels,
                    quotas == null ? null : quotas.toQuotas());
        }
    }

    /** Body of {@code PATCH /admin/v1/tenants/{id}}: fields left out are not changed. */
    public record UpdateTenantRequest(
            @Size(min = 1, max = TenantAttributes.MAX_NAME_LENGTH) String name,
            List<@NotBlank @Size(max = 100) String> allowedRegions,
            @Size(max = 40) String dataClassification,
            @Size(max = 100) String costCentre,
            @Size(max = 100) String priceBook) {

        TenantAttributes toAttributes() {
            return new TenantAttributes(name, allowedRegions, dataClassification, costCentre, priceBook);
        }
    }

    /** Body of {@code PUT /admin/v1/tenants/{id}/status}. */
    public record ChangeStatusRequest(@NotNull TenantStatus status) {
    }

    /** A tenant; {@code allowedModels} are the models of its entitlements in force. */
    public record TenantResponse(UUID id, String name, TenantStatus status, List<String> allowedModels,
            List<String> allowedRegions, String dataClassification, String costCentre, String priceBook,
            QuotasBody quotas, long version, Instant createdAt) {

        static TenantResponse of(Tenant tenant, List<String> allowedModels) {
            return new TenantResponse(tenant.id(), tenant.name(), tenant.status(), allowedModels,
                    tenant.allowedRegions(), tenant.dataClassification(), tenant.costCentre(), tenant.priceBook(),
                    QuotasBody.of(tenant.quotas()), tenant.version(), tenant.createdAt());
        }
    }
}
