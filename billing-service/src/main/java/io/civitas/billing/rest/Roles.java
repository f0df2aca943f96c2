package io.civitas.billing.rest;

import java.util.List;

/** Keycloak realm roles and the claim binding a tenant administrator to a tenant. */
public final class Roles {

    /** Everything, every tenant. */
    public static final String PLATFORM_ADMIN = "platform-admin";
    /** Read-only, every tenant. */
    public static final String AUDITOR = "auditor";
    /** Read-only, the one tenant named by the {@value #TENANT_CLAIM} claim. */
    public static final String TENANT_ADMIN = "tenant-admin";
    /** Access-token claim holding a tenant administrator's tenant id. */
    public static final String TENANT_CLAIM = "civitas_tenant";
    /** Every role above, as audit events name the roles an actor holds. */
    public static final List<String> ALL = List.of(PLATFORM_ADMIN, AUDITOR, TENANT_ADMIN);

    private Roles() {
    }
}
