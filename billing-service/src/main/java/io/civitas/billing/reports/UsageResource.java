package io.civitas.billing.reports;

import java.sql.SQLException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.civitas.billing.db.Transactions;
import io.civitas.billing.rest.InvalidRequestException;
import io.civitas.billing.rest.Params;
import io.civitas.support.security.Roles;
import io.civitas.billing.rest.TenantAccess;
import io.civitas.billing.usage.UsageQueries;
import io.civitas.billing.usage.UsageQueries.Dimension;

/**
 * Ledgered usage between two UTC days (inclusive): of one tenant per day, model or API key; and, for platform
 * administrators and auditors, of all tenants per tenant, day, model or key.
 */
@Path("/billing/v1")
@Produces(MediaType.APPLICATION_JSON)
public class UsageResource {

    /** Longest range one report covers. */
    static final long MAX_DAYS = 366;

    private static final Set<Dimension> TENANT_DIMENSIONS = Set.of(Dimension.DAY, Dimension.MODEL, Dimension.KEY);

    /** A usage report; {@code tenantId} is null for the all-tenants report. */
    public record Report(String tenantId, LocalDate from, LocalDate to, String by, List<UsageQueries.Breakdown> rows) {
    }

    private final Transactions transactions;
    private final UsageQueries usage;
    private final TenantAccess access;

    public UsageResource(Transactions transactions, UsageQueries usage, TenantAccess access) {
        this.transactions = transactions;
        this.usage = usage;
        this.access = access;
    }

    @GET
    @Path("/tenants/{tenant}/usage")
    @RolesAllowed({ Roles.PLATFORM_ADMIN, Roles.AUDITOR, Roles.TENANT_ADMIN })
    public Report tenantUsage(@PathParam("tenant") String tenantId, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("by") @DefaultValue("day") String by) throws SQLException {
        access.requireRead(tenantId);
        return report(tenantId, from, to, dimension(by, TENANT_DIMENSIONS, "day, model, key"));
    }

    @GET
    @Path("/usage")
    @RolesAllowed({ Roles.PLATFORM_ADMIN, Roles.AUDITOR })
    public Report allTenants(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("by") @DefaultValue("tenant") String by) throws SQLException {
        return report(null, from, to, dimension(by, Set.of(Dimension.values()), "tenant, day, model, key"));
    }

    private Report report(String tenantId, String from, String to, Dimension dimension) throws SQLException {
        LocalDate first = Params.day("from", from);
        LocalDate last = Params.day("to", to);
        if (last.isBefore(first) || ChronoUnit.DAYS.between(first, last) >= MAX_DAYS) {
            throw new InvalidRequestException("to must not be before from, and the range at most " + MAX_DAYS
                    + " days");
        }
        return new Report(tenantId, first, last, dimension.name().toLowerCase(Locale.ROOT),
                transactions.read(c -> usage.breakdown(c, tenantId, first, last, dimension)));
    }

    private static Dimension dimension(String by, Set<Dimension> allowed, String names) {
        try {
            Dimension dimension = Dimension.valueOf(by.strip().toUpperCase(Locale.ROOT));
            if (allowed.contains(dimension)) {
                return dimension;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new InvalidRequestException("by must be one of " + names);
    }
}
