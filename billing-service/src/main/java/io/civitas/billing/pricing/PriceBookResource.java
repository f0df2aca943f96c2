package io.civitas.billing.pricing;

import java.net.URI;
import java.sql.SQLException;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.civitas.billing.audit.AdminAction;
import io.civitas.billing.audit.AdminAudit;
import io.civitas.billing.db.Transactions;
import io.civitas.support.security.Roles;
import io.civitas.billing.rest.TenantAccess;

/**
 * Price books and contract prices. Platform administrators create books and append price versions; auditors read
 * them; a tenant administrator may read its own tenant's contract prices. Nothing here changes or deletes a price.
 * Every change is audited ({@link AdminAction}) in the transaction that makes it.
 */
@Path("/billing/v1")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class PriceBookResource {

    private final Transactions transactions;
    private final PriceRepository prices;
    private final TenantAccess access;
    private final AdminAudit audit;

    public PriceBookResource(Transactions transactions, PriceRepository prices, TenantAccess access,
            AdminAudit audit) {
        this.transactions = transactions;
        this.prices = prices;
        this.access = access;
        this.audit = audit;
    }

    @GET
    @Path("/price-books")
    @RolesAllowed({ Roles.PLATFORM_ADMIN, Roles.AUDITOR })
    public List<PriceViews.Book> books() throws SQLException {
        return transactions.read(c -> prices.books(c).stream().map(PriceViews.Book::of).toList());
    }

    @GET
    @Path("/price-books/{id}")
    @RolesAllowed({ Roles.PLATFORM_ADMIN, Roles.AUDITOR })
    public PriceViews.Book book(@PathParam("id") String id) throws SQLException {
        return transactions.read(c -> {
            String currency = prices.currency(c, id, false)
                    .orElseThrow(() -> new PriceBookNotFoundException("no price book " + id));
            return PriceViews.Book.of(new PriceBook(id, currency, prices.bookPrices(c, id)));
        });
    }

    @POST
    @Path("/price-books")
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @AdminAction(value = "price-book.create", target = "price-book")
    public Response createBook(@NotNull @Valid PriceRequests.CreateBook request) throws SQLException {
        audit.target(request.id(), null).detail("currency", request.currency());
        transactions.inTransaction(c -> {
            prices.createBook(c, request.id(), request.currency());
            audit.done(c, Response.Status.CREATED.getStatusCode());
            return null;
        });
        return Response.created(URI.create("/billing/v1/price-books/" + request.id()))
                .entity(new PriceViews.Book(request.id(), request.currency(), List.of())).build();
    }

    @POST
    @Path("/price-books/{id}/prices")
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @AdminAction(value = "price.add", target = "price-book", targetParam = "id")
    public Response addPrice(@PathParam("id") String id, @NotNull @Valid PriceRequests.NewPrice request)
            throws SQLException {
        priceDetails(audit.target(id, null), request);
        PriceVersion version = transactions.inTransaction(c -> {
            PriceVersion added = prices.addBookPrice(c, id, request.model(), request.validFrom(), request.prices());
            audit.done(c, Response.Status.CREATED.getStatusCode());
            return added;
        });
        return Response.status(Response.Status.CREATED).entity(PriceViews.Price.of(version)).build();
    }

    @GET
    @Path("/tenants/{tenant}/contract-prices")
    @RolesAllowed({ Roles.PLATFORM_ADMIN, Roles.AUDITOR, Roles.TENANT_ADMIN })
    public PriceViews.ContractPrices contractPrices(@PathParam("tenant") String tenantId) throws SQLException {
        access.requireRead(tenantId);
        return new PriceViews.ContractPrices(tenantId, transactions.read(
                c -> prices.contractPrices(c, tenantId).stream().map(PriceViews.Price::of).toList()));
    }

    @POST
    @Path("/tenants/{tenant}/contract-prices")
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @AdminAction(value = "contract-price.set", target = "contract-price")
    public Response addContractPrice(@PathParam("tenant") String tenantId,
            @NotNull @Valid PriceRequests.NewPrice request) throws SQLException {
        priceDetails(audit.target(request.model(), tenantId), request);
        PriceVersion version = transactions.inTransaction(c -> {
            PriceVersion added = prices.addContractPrice(c, tenantId, request.model(), request.validFrom(),
                    request.prices());
            audit.done(c, Response.Status.CREATED.getStatusCode());
            return added;
        });
        return Response.status(Response.Status.CREATED).entity(PriceViews.Price.of(version)).build();
    }

    private static void priceDetails(AdminAudit audit, PriceRequests.NewPrice request) {
        audit.detail("model", request.model())
                .detail("validFrom", request.validFrom().toString())
                .detail("inputPerMillion", request.inputPerMillion().toPlainString())
                .detail("outputPerMillion", request.outputPerMillion().toPlainString())
                .detail("cachedInputPerMillion", request.cachedInputPerMillion() == null ? null
                        : request.cachedInputPerMillion().toPlainString());
    }
}
