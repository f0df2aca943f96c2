package io.civitas.tenant.admin;

import io.civitas.tenant.domain.TenantStatus;
import jakarta.validation.constraints.NotNull;

/**
 * Body of {@code PUT /admin/v1/tenants/{id}/status}.
 */
public record ChangeStatusRequest(@NotNull TenantStatus status) {
}
