package io.civitas.tenant.admin;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import io.civitas.tenant.domain.IssuedApiKey;
import io.civitas.tenant.domain.Tenant;
import io.civitas.tenant.keys.ApiKeyService;
import io.civitas.tenant.tenants.TenantService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * Platform administration of tenants and their API keys. Every operation needs the realm role
 * {@value #PLATFORM_ADMIN}.
 */
@Path("/admin/v1/tenants")
@RolesAllowed(TenantAdminResource.PLATFORM_ADMIN)
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class TenantAdminResource {

    /** Realm role required for the admin API. */
    public static final String PLATFORM_ADMIN = "platform-admin";

    private final TenantService tenants;
    private final ApiKeyService keys;

    public TenantAdminResource(TenantService tenants, ApiKeyService keys) {
        this.tenants = tenants;
        this.keys = keys;
    }

    @POST
    public Response create(@NotNull @Valid CreateTenantRequest request, @Context UriInfo uriInfo) {
        Tenant tenant = tenants.create(request.toNewTenant());
        URI location = uriInfo.getAbsolutePathBuilder().path(tenant.id().toString()).build();
        return Response.created(location).entity(TenantResponse.of(tenant)).build();
    }

    @GET
    public List<TenantResponse> list() {
        return tenants.list().stream().map(TenantResponse::of).toList();
    }

    @GET
    @Path("/{id}")
    public TenantResponse get(@PathParam("id") UUID id) {
        return TenantResponse.of(tenants.get(id));
    }

    @PUT
    @Path("/{id}/status")
    public TenantResponse changeStatus(@PathParam("id") UUID id, @NotNull @Valid ChangeStatusRequest request) {
        return TenantResponse.of(tenants.changeStatus(id, request.status()));
    }

    @POST
    @Path("/{id}/keys")
    public Response createKey(@PathParam("id") UUID id, @NotNull @Valid CreateKeyRequest request,
            @Context UriInfo uriInfo) {
        IssuedApiKey issued = keys.issue(id, request.name());
        URI location = uriInfo.getAbsolutePathBuilder().path(issued.id()).build();
        return Response.created(location).entity(CreatedKeyResponse.of(issued)).build();
    }

    @DELETE
    @Path("/{id}/keys/{keyId}")
    public Response revokeKey(@PathParam("id") UUID id, @PathParam("keyId") String keyId) {
        keys.revoke(id, keyId);
        return Response.noContent().build();
    }
}
