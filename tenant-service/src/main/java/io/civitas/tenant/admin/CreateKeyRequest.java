package io.civitas.tenant.admin;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /admin/v1/tenants/{id}/keys}.
 */
public record CreateKeyRequest(@NotBlank @Size(max = 100) String name) {
}
