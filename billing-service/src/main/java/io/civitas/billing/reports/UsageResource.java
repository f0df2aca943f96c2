package io.civitas.billing.reports;

import java.sql.SQLException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

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
import io.civitas.billing.rest.Roles;
import io.civitas.billing.rest.TenantAccess;
import io.civitas.billing.usage.UsageQueries;
import io.civitas.billing.usage.UsageQueries.Dimension;

/** A tenant's ledgered usage between two UTC days (inclusive), per day, model or API key. */
@Path("/billing/v1/tenants/{tenant}/usage")
@Produces(MediaType.APPLICATION_JSON)
public class UsageResource {

    /** Longest range one report covers. */
    static final long MAX_DAYS = 366;

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
    @RolesAllowed({ Roles.PLATFORM_ADMIN, Roles.AUDITOR, Roles.TENANT_ADMIN })
    public Report usage(@PathParam("tenant") String tenantId, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("by") @DefaultValue("day") String by) throws SQLException {
        access.requireRead(tenantId);
        LocalDate first = Params.day("from", from);
        LocalDate last = Params.day("to", to);
        if (last.isBefore(first) || ChronoUnit.DAYS.between(first, last) >= MAX_DAYS) {
            throw new InvalidRequestException("to must not be before from, and the range at most " + MAX_DAYS
                    + " days");
        }
        Dimension dimension = dimension(by);
        return new Report(tenantId, first, last, dimension.name().toLowerCase(Locale.ROOT),
                transactions.read(c -> usage.breakdown(c, tenantId, first, last, dimension)));
    }

    private static Dimension dimension(String by) {
        try {
            return Dimension.valueOf(by.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("by must be one of day, model, key");
        }
    }
}
