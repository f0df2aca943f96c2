package io.civitas.tenant.domain;

import java.util.UUID;

/**
 * The tenant has no entitlement for the model.
 */
public class EntitlementNotFoundException extends RuntimeException {

    public EntitlementNotFoundException(UUID tenantId, String model) {
        super("Tenant " + tenantId + " has no entitlement for model " + model);
    }
}
