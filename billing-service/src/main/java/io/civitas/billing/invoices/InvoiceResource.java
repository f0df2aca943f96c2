package io.civitas.billing.invoices;

import java.sql.SQLException;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.civitas.billing.audit.AdminAction;
import io.civitas.billing.audit.AdminAudit;
import io.civitas.billing.rest.Params;
import io.civitas.support.security.Roles;
import io.civitas.billing.rest.TenantAccess;

/**
 * Invoices per tenant and month: a live draft while the month is open (or until finalised), the stored final
 * invoice after. JSON by default; CSV with {@code Accept: text/csv} or {@code ?format=csv}. Finalising is audited
 * ({@link AdminAction}) in the finalising transaction.
 */
@Path("/billing/v1/tenants/{tenant}/invoices/{month}")
public class InvoiceResource {

    private static final String CSV = "text/csv";

    private final InvoiceService invoices;
    private final TenantAccess access;
    private final AdminAudit audit;

    public InvoiceResource(InvoiceService invoices, TenantAccess access, AdminAudit audit) {
        this.invoices = invoices;
        this.access = access;
        this.audit = audit;
    }

    @GET
    @Produces({ MediaType.APPLICATION_JSON, CSV })
    @RolesAllowed({ Roles.PLATFORM_ADMIN, Roles.AUDITOR, Roles.TENANT_ADMIN })
    public Response get(@PathParam("tenant") String tenantId, @PathParam("month") String month,
            @QueryParam("format") String format, @Context HttpHeaders headers) throws SQLException {
        access.requireRead(tenantId);
        InvoiceView invoice = InvoiceView.of(invoices.invoice(tenantId, Params.month("month", month)));
        if ("csv".equalsIgnoreCase(format) || format == null && prefersCsv(headers.getAcceptableMediaTypes())) {
            return Response.ok(InvoiceCsv.of(invoice), CSV + "; charset=UTF-8")
                    .header("Content-Disposition", "attachment; filename=\"invoice-" + tenantId + "-" + month
                            + ".csv\"")
                    .build();
        }
        return Response.ok(invoice, MediaType.APPLICATION_JSON).build();
    }

    @POST
    @Path("/finalise")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @AdminAction(value = "invoice.finalise", target = "invoice", targetParam = "month")
    public InvoiceView finalise(@PathParam("tenant") String tenantId, @PathParam("month") String month)
            throws SQLException {
        audit.target(month, tenantId);
        return InvoiceView.of(invoices.finalise(tenantId, Params.month("month", month), (c, stored) -> audit
                .detail("total", stored.total().toPlainString())
                .detail("currency", stored.currency())
                .detail("priceBook", stored.priceBook())
                .done(c, Response.Status.OK.getStatusCode())));
    }

    private static boolean prefersCsv(List<MediaType> accepted) {
        return !accepted.isEmpty() && accepted.getFirst().isCompatible(MediaType.valueOf(CSV))
                && !accepted.getFirst().isWildcardType();
    }
}
