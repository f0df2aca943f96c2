package io.civitas.tenant.domain;

/**
 * Lifecycle state of a tenant. Only an {@link #ACTIVE} tenant's keys resolve.
 */
public enum TenantStatus {
    ACTIVE,
    SUSPENDED
}
