package io.civitas.tenant.domain;

/**
 * Another tenant already has the requested name.
 */
public class TenantNameTakenException extends RuntimeException {

    public TenantNameTakenException(String name) {
        super("A tenant named '" + name + "' already exists");
    }
}
