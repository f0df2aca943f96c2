package io.civitas.tenant.admin;

import java.net.URI;
import java.time.Duration;
import java.util.UUID;

import io.civitas.tenant.admin.KeyBodies.CreateKeyRequest;
import io.civitas.tenant.admin.KeyBodies.CreatedKeyResponse;
import io.civitas.tenant.admin.KeyBodies.KeyResponse;
import io.civitas.tenant.admin.KeyBodies.RotateKeyRequest;
import io.civitas.tenant.domain.IssuedApiKey;
import io.civitas.tenant.keys.ApiKeyService;
import io.quarkus.security.Authenticated;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * A tenant's API keys: platform-admins and the tenant's own tenant-admin create, list, rotate and revoke them;
 * auditors list them. No response but creation and rotation ever carries a key.
 */
@Path("/admin/v1/tenants/{id}/keys")
@Authenticated
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class KeysResource {

    private final ApiKeyService keys;
    private final AccessPolicy access;
    private final AuditTarget audit;

    public KeysResource(ApiKeyService keys, AccessPolicy access, AuditTarget audit) {
        this.keys = keys;
        this.access = access;
        this.audit = audit;
    }

    @POST
    @Transactional
    @AdminAction(value = "key.create", target = "key")
    public Response create(@PathParam("id") UUID id, @NotNull @Valid CreateKeyRequest request,
            @Context UriInfo uriInfo) {
        access.requireTenantManagement(id);
        IssuedApiKey issued = keys.issue(id, request.toSpec());
        return created(id, issued, uriInfo.getAbsolutePathBuilder().path(issued.apiKey().id()).build());
    }

    @GET
    public Response list(@PathParam("id") UUID id, @QueryParam("limit") Integer limit,
            @QueryParam("cursor") String cursor, @Context UriInfo uriInfo) {
        access.requireRead(id);
        return Pages.response(keys.page(id, Pages.request(limit, cursor)), KeyResponse::of, uriInfo);
    }

    @GET
    @Path("/{keyId}")
    public KeyResponse get(@PathParam("id") UUID id, @PathParam("keyId") String keyId) {
        access.requireRead(id);
        return KeyResponse.of(keys.get(id, keyId));
    }

    /** Issues a successor; the old key keeps working for the overlap, then expires. */
    @POST
    @Path("/{keyId}/rotate")
    @Transactional
    @AdminAction(value = "key.rotate", target = "key")
    public Response rotate(@PathParam("id") UUID id, @PathParam("keyId") String keyId,
            @Valid RotateKeyRequest request, @Context UriInfo uriInfo) {
        access.requireTenantManagement(id);
        Duration overlap = request == null || request.overlapSeconds() == null ? null
                : Duration.ofSeconds(request.overlapSeconds());
        IssuedApiKey successor = keys.rotate(id, keyId, overlap);
        audit.detail("rotatedKeyId", keyId);
        URI location = uriInfo.getBaseUriBuilder().path(KeysResource.class).path(successor.apiKey().id())
                .build(id);
        return created(id, successor, location);
    }

    @DELETE
    @Path("/{keyId}")
    @Transactional
    @AdminAction(value = "key.revoke", target = "key")
    public Response revoke(@PathParam("id") UUID id, @PathParam("keyId") String keyId) {
        access.requireTenantManagement(id);
        audit.set(keyId, id.toString());
        keys.revoke(id, keyId);
        return Response.noContent().build();
    }

    private Response created(UUID tenantId, IssuedApiKey issued, URI location) {
        audit.set(issued.apiKey().id(), tenantId.toString());
        return Response.created(location).entity(CreatedKeyResponse.of(issued)).build();
    }
}
