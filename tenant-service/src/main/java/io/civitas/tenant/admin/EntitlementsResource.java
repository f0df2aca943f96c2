package io.civitas.tenant.admin;

import java.util.List;
import java.util.UUID;

import io.civitas.tenant.admin.EntitlementBodies.EntitlementRequest;
import io.civitas.tenant.admin.EntitlementBodies.EntitlementResponse;
import io.civitas.tenant.tenants.EntitlementService;
import io.quarkus.security.Authenticated;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * A tenant's model entitlements: platform-admins grant and withdraw them; the tenant (its tenant-admin, or a
 * platform-admin recording a signed acceptance) accepts the licence terms; auditors and the tenant-admin read them.
 */
@Path("/admin/v1/tenants/{id}/entitlements")
@Authenticated
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class EntitlementsResource {

    private final EntitlementService entitlements;
    private final AccessPolicy access;
    private final AuditTarget audit;

    public EntitlementsResource(EntitlementService entitlements, AccessPolicy access, AuditTarget audit) {
        this.entitlements = entitlements;
        this.access = access;
        this.audit = audit;
    }

    @GET
    public List<EntitlementResponse> list(@PathParam("id") UUID id) {
        access.requireRead(id);
        return entitlements.list(id).stream().map(EntitlementResponse::of).toList();
    }

    /** Grants the model or changes its terms; a new licence reference must be accepted again. */
    @PUT
    @Path("/{model}")
    @Transactional
    @AdminAction(value = "entitlement.grant", target = "entitlement")
    public EntitlementResponse grant(@PathParam("id") UUID id, @PathParam("model") @Size(max = 100) String model,
            @NotNull @Valid EntitlementRequest request) {
        access.requirePlatformAdmin();
        audit.set(model, id.toString()).detail("licenceReference", request.licenceReference());
        return EntitlementResponse.of(entitlements.grant(id, model, request.toTerms()));
    }

    @DELETE
    @Path("/{model}")
    @Transactional
    @AdminAction(value = "entitlement.withdraw", target = "entitlement")
    public Response withdraw(@PathParam("id") UUID id, @PathParam("model") String model) {
        access.requirePlatformAdmin();
        audit.set(model, id.toString());
        entitlements.withdraw(id, model);
        return Response.noContent().build();
    }

    @POST
    @Path("/{model}/acceptance")
    @Transactional
    @AdminAction(value = "entitlement.accept", target = "entitlement")
    public EntitlementResponse accept(@PathParam("id") UUID id, @PathParam("model") String model) {
        access.requireTenantManagement(id);
        audit.set(model, id.toString());
        return EntitlementResponse.of(entitlements.accept(id, model, access.actor()));
    }
}
