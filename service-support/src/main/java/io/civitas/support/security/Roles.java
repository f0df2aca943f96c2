package io.civitas.support.security;

import java.util.List;

/** The Keycloak realm roles of Civitas' admin APIs and the claim binding a tenant administrator to a tenant. */
public final class Roles {

    /** Manages everything, every tenant. */
    public static final String PLATFORM_ADMIN = "platform-admin";
    /** Manages the keys of one tenant (named by {@link #TENANT_CLAIM}) and reads that tenant. */
    public static final String TENANT_ADMIN = "tenant-admin";
    /** Reads everything, changes nothing. */
    public static final String AUDITOR = "auditor";
    /** Access-token claim holding the tenant id a tenant administrator is bound to. */
    public static final String TENANT_CLAIM = "civitas_tenant";

    /** Every Civitas role, in a stable order (as audit events name the roles an actor holds). */
    public static final List<String> ALL = List.of(PLATFORM_ADMIN, TENANT_ADMIN, AUDITOR);

    private Roles() {
    }
}
