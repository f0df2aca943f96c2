package io.civitas.tenant.admin;

import java.util.List;

/**
 * Keycloak realm roles of the admin API, and the claim binding a tenant-admin to its tenant.
 */
public final class Roles {

    /** Manages everything. */
    public static final String PLATFORM_ADMIN = "platform-admin";
    /** Manages the keys of one tenant (named by {@link #TENANT_CLAIM}) and reads that tenant. */
    public static final String TENANT_ADMIN = "tenant-admin";
    /** Reads everything, changes nothing. */
    public static final String AUDITOR = "auditor";
    /** Access-token claim holding the tenant id a tenant-admin is bound to. */
    public static final String TENANT_CLAIM = "civitas_tenant";

    /** Every Civitas role, in a stable order. */
    public static final List<String> ALL = List.of(PLATFORM_ADMIN, TENANT_ADMIN, AUDITOR);

    private Roles() {
    }
}
