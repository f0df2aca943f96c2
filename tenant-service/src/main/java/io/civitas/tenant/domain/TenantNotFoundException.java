package io.civitas.tenant.domain;

import java.util.UUID;

/**
 * No tenant has the given id.
 */
public class TenantNotFoundException extends RuntimeException {

    public TenantNotFoundException(UUID tenantId) {
        super("Tenant " + tenantId + " does not exist");
    }
}
