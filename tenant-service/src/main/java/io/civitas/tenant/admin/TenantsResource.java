package io.civitas.tenant.admin;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import io.civitas.tenant.admin.TenantBodies.ChangeStatusRequest;
import io.civitas.tenant.admin.TenantBodies.CreateTenantRequest;
import io.civitas.tenant.admin.TenantBodies.TenantResponse;
import io.civitas.tenant.admin.TenantBodies.UpdateTenantRequest;
import io.civitas.tenant.domain.Page;
import io.civitas.tenant.domain.Tenant;
import io.civitas.tenant.tenants.EntitlementService;
import io.civitas.tenant.tenants.TenantService;
import io.quarkus.security.Authenticated;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * Tenants: platform-admins create and change them; auditors read all; a tenant-admin reads its own.
 */
@Path("/admin/v1/tenants")
@Authenticated
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class TenantsResource {

    private final TenantService tenants;
    private final EntitlementService entitlements;
    private final AccessPolicy access;
    private final AuditTarget audit;

    public TenantsResource(TenantService tenants, EntitlementService entitlements, AccessPolicy access,
            AuditTarget audit) {
        this.tenants = tenants;
        this.entitlements = entitlements;
        this.access = access;
        this.audit = audit;
    }

    @POST
    @Transactional
    @AdminAction(value = "tenant.create", target = "tenant")
    public Response create(@NotNull @Valid CreateTenantRequest request, @Context UriInfo uriInfo) {
        access.requirePlatformAdmin();
        Tenant tenant = tenants.create(request.toNewTenant(), access.actor());
        audit.set(tenant.id().toString(), tenant.id().toString());
        URI location = uriInfo.getAbsolutePathBuilder().path(tenant.id().toString()).build();
        return Response.created(location).entity(response(tenant)).build();
    }

    /** All tenants for platform-admins and auditors, newest first; a tenant-admin gets its own tenant only. */
    @GET
    public Response list(@QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor,
            @Context UriInfo uriInfo) {
        access.requireAnyRole();
        if (!access.mayListAllTenants()) {
            UUID own = access.boundTenant().orElseThrow();
            return Response.ok(List.of(response(tenants.get(own)))).build();
        }
        Page<Tenant> page = tenants.page(Pages.request(limit, cursor));
        return Pages.response(page, this::response, uriInfo);
    }

    @GET
    @Path("/{id}")
    public TenantResponse get(@PathParam("id") UUID id) {
        access.requireRead(id);
        return response(tenants.get(id));
    }

    @PATCH
    @Path("/{id}")
    @Transactional
    @AdminAction(value = "tenant.update", target = "tenant")
    public TenantResponse update(@PathParam("id") UUID id, @NotNull @Valid UpdateTenantRequest request) {
        access.requirePlatformAdmin();
        audit.set(id.toString(), id.toString());
        return response(tenants.update(id, request.toAttributes()));
    }

    @PUT
    @Path("/{id}/status")
    @Transactional
    @AdminAction(value = "tenant.status", target = "tenant")
    public TenantResponse changeStatus(@PathParam("id") UUID id, @NotNull @Valid ChangeStatusRequest request) {
        access.requirePlatformAdmin();
        audit.set(id.toString(), id.toString()).detail("status", request.status().name());
        return response(tenants.changeStatus(id, request.status()));
    }

    private TenantResponse response(Tenant tenant) {
        return TenantResponse.of(tenant, entitlements.modelsInForce(tenant.id()));
    }
}
