package io.civitas.tenant.domain;

import java.util.UUID;

/**
 * The tenant has no API key with the given id.
 */
public class ApiKeyNotFoundException extends RuntimeException {

    public ApiKeyNotFoundException(UUID tenantId, String keyId) {
        super("Tenant " + tenantId + " has no API key " + keyId);
    }
}
