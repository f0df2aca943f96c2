package io.civitas.tenant.admin;

import java.util.UUID;

import io.civitas.tenant.tenants.TenantService;
import io.quarkus.security.Authenticated;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * A tenant's quotas: platform-admins set them; auditors and the tenant's own tenant-admin read them.
 */
@Path("/admin/v1/tenants/{id}/quotas")
@Authenticated
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class QuotasResource {

    private final TenantService tenants;
    private final AccessPolicy access;
    private final AuditTarget audit;

    public QuotasResource(TenantService tenants, AccessPolicy access, AuditTarget audit) {
        this.tenants = tenants;
        this.access = access;
        this.audit = audit;
    }

    @GET
    public QuotasBody get(@PathParam("id") UUID id) {
        access.requireRead(id);
        return QuotasBody.of(tenants.get(id).quotas());
    }

    @PUT
    @Transactional
    @AdminAction(value = "quota.set", target = "quota")
    public QuotasBody set(@PathParam("id") UUID id, @NotNull QuotasBody quotas) {
        access.requirePlatformAdmin();
        audit.set(id.toString(), id.toString());
        return QuotasBody.of(tenants.setQuotas(id, quotas.toQuotas()).quotas());
    }
}
