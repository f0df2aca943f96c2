package io.civitas.billing.rest;

import java.sql.SQLException;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.civitas.billing.invoices.InvoiceFinalisedException;
import io.civitas.billing.invoices.InvoiceMonthOpenException;
import io.civitas.billing.pricing.PriceBookExistsException;
import io.civitas.billing.pricing.PriceBookNotFoundException;
import io.civitas.billing.pricing.PriceVersionConflictException;
import io.civitas.support.problem.GenericProblemMapper;
import io.civitas.support.problem.Problems;

/**
 * The one place where billing's own failures become RFC 7807 problem details (application/problem+json). Bodies
 * never carry stack traces, SQL or class names. Authentication (401; 503 while Keycloak cannot be reached), 403,
 * validation, malformed requests and unexpected failures are mapped by {@link GenericProblemMapper}.
 */
public class ProblemMapper {

    private static final Logger LOGGER = Logger.getLogger(ProblemMapper.class);

    @ServerExceptionMapper
    public Response invalidRequest(InvalidRequestException e) {
        return Problems.response(Status.BAD_REQUEST, "invalid-request", e.getMessage());
    }

    @ServerExceptionMapper
    public Response priceBookNotFound(PriceBookNotFoundException e) {
        return Problems.response(Status.NOT_FOUND, "price-book-not-found", e.getMessage());
    }

    @ServerExceptionMapper
    public Response priceBookExists(PriceBookExistsException e) {
        return Problems.response(Status.CONFLICT, "price-book-exists", e.getMessage());
    }

    @ServerExceptionMapper
    public Response priceVersionConflict(PriceVersionConflictException e) {
        return Problems.response(Status.CONFLICT, "price-version-conflict", e.getMessage());
    }

    @ServerExceptionMapper
    public Response invoiceFinalised(InvoiceFinalisedException e) {
        return Problems.response(Status.CONFLICT, "invoice-finalised", e.getMessage());
    }

    @ServerExceptionMapper
    public Response invoiceMonthOpen(InvoiceMonthOpenException e) {
        return Problems.response(Status.CONFLICT, "month-not-ended", e.getMessage());
    }

    @ServerExceptionMapper
    public Response database(SQLException e) {
        LOGGER.warnf("Billing API request failed in the database: SQLSTATE %s", e.getSQLState());
        return Problems.response(Status.SERVICE_UNAVAILABLE, "database-unavailable", "The billing database could not "
                + "serve the request; retry later");
    }
}
