package io.civitas.audit.export;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import io.civitas.support.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * Verifiable exports of the audit log for auditors (every tenant or one) and tenant-admins (their own tenant only),
 * streamed as JSON Lines bundles, and the progress of each export.
 */
@Path("/audit/v1")
@RolesAllowed({ Roles.AUDITOR, Roles.TENANT_ADMIN, Roles.PLATFORM_ADMIN })
public class ExportResource {

    /** Media type of bundles. */
    public static final String JSON_LINES = "application/jsonl";
    /** Response header naming the export, for GET /audit/v1/exports/{id}. */
    public static final String EXPORT_ID_HEADER = "X-Civitas-Export-Id";

    private final ExportService exports;
    private final ExportJobs jobs;
    private final SecurityIdentity identity;

    public ExportResource(ExportService exports, ExportJobs jobs, SecurityIdentity identity) {
        this.exports = exports;
        this.jobs = jobs;
        this.identity = identity;
    }

    @GET
    @Path("export")
    @Produces({ JSON_LINES, MediaType.APPLICATION_JSON })
    public Response export(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("tenant") String tenant, @QueryParam("consistentWith") Long consistentWith) {
        Caller caller = Caller.of(identity);
        ExportRequest asked = ExportRequest.parse(from, to, tenant, consistentWith);
        ExportRequest request = asked.forTenant(caller.tenantFilter(asked.tenant()));
        ExportService.PreparedExport prepared = exports.prepare(request, caller);
        StreamingOutput body = out -> exports.stream(prepared, out);
        return Response.ok(body, JSON_LINES)
                .header(EXPORT_ID_HEADER, prepared.id())
                .header("Content-Disposition", "attachment; filename=\"audit-export-" + prepared.id() + ".jsonl\"")
                .build();
    }

    @GET
    @Path("exports/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public ExportJobs.ExportStatus progress(@PathParam("id") UUID id) {
        ExportJobs.ExportStatus status = jobs.find(id)
                .orElseThrow(() -> new ExportNotFoundException("No export " + id));
        Caller caller = Caller.of(identity);
        if (status.tenantId() == null ? caller.tenantFilter(null) != null
                : !status.tenantId().equals(caller.tenantFilter(status.tenantId()))) {
            throw new ExportNotFoundException("No export " + id);
        }
        return status;
    }
}
