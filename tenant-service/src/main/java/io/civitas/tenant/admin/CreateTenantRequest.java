package io.civitas.tenant.admin;

import java.util.List;

import io.civitas.tenant.domain.NewTenant;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /admin/v1/tenants}.
 */
public record CreateTenantRequest(
        @NotBlank @Size(max = NewTenant.MAX_NAME_LENGTH) String name,
        List<@NotBlank @Size(max = 100) String> allowedModels,
        List<@NotBlank @Size(max = 100) String> allowedRegions) {

    NewTenant toNewTenant() {
        return new NewTenant(name, allowedModels, allowedRegions);
    }
}
