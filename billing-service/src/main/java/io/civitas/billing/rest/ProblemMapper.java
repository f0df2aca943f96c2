package io.civitas.billing.rest;

import java.sql.SQLException;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.civitas.billing.invoices.InvoiceFinalisedException;
import io.civitas.billing.invoices.InvoiceMonthOpenException;
import io.civitas.billing.pricing.PriceBookExistsException;
import io.civitas.billing.pricing.PriceBookNotFoundException;
import io.civitas.billing.pricing.PriceVersionConflictException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * The one place where failures of the billing REST API become RFC 7807 problem details (application/problem+json).
 * Bodies never carry stack traces, SQL or class names.
 */
public class ProblemMapper {

    private static final Logger LOGGER = Logger.getLogger(ProblemMapper.class);
    private static final String TYPE_PREFIX = "urn:civitas:problem:";

    @ServerExceptionMapper({ AuthenticationFailedException.class, UnauthorizedException.class })
    public Response unauthenticated(RuntimeException e) {
        return Response.fromResponse(problem(Status.UNAUTHORIZED, "unauthenticated",
                "A valid bearer token is required")).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return problem(Status.FORBIDDEN, "forbidden", "The token does not allow this operation on this tenant");
    }

    @ServerExceptionMapper
    public Response invalidRequest(InvalidRequestException e) {
        return problem(Status.BAD_REQUEST, "invalid-request", e.getMessage());
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e) {
        String detail = e.getConstraintViolations().stream()
                .map(v -> lastNode(v.getPropertyPath().toString()) + ": " + v.getMessage())
                .sorted().collect(Collectors.joining("; "));
        return problem(Status.BAD_REQUEST, "validation-failed", detail);
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e) {
        return problem(Status.BAD_REQUEST, "malformed-request", "The request body is not valid JSON of this shape");
    }

    @ServerExceptionMapper
    public Response priceBookNotFound(PriceBookNotFoundException e) {
        return problem(Status.NOT_FOUND, "price-book-not-found", e.getMessage());
    }

    @ServerExceptionMapper
    public Response priceBookExists(PriceBookExistsException e) {
        return problem(Status.CONFLICT, "price-book-exists", e.getMessage());
    }

    @ServerExceptionMapper
    public Response priceVersionConflict(PriceVersionConflictException e) {
        return problem(Status.CONFLICT, "price-version-conflict", e.getMessage());
    }

    @ServerExceptionMapper
    public Response invoiceFinalised(InvoiceFinalisedException e) {
        return problem(Status.CONFLICT, "invoice-finalised", e.getMessage());
    }

    @ServerExceptionMapper
    public Response invoiceMonthOpen(InvoiceMonthOpenException e) {
        return problem(Status.CONFLICT, "month-not-ended", e.getMessage());
    }

    @ServerExceptionMapper
    public Response database(SQLException e) {
        LOGGER.warnf("Billing API request failed in the database: SQLSTATE %s", e.getSQLState());
        return problem(Status.SERVICE_UNAVAILABLE, "database-unavailable", "The billing database could not serve "
                + "the request; retry later");
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        Response.StatusType status = e.getResponse().getStatusInfo();
        if (status.getStatusCode() == Status.BAD_REQUEST.getStatusCode()) {
            return problem(status, "malformed-request", "The request body or a parameter is malformed");
        }
        return problem(status, "http-" + status.getStatusCode(), "The request could not be served");
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        LOGGER.error("Unexpected failure of a billing API request", e);
        return problem(Status.INTERNAL_SERVER_ERROR, "internal-error", "An unexpected error occurred");
    }

    private static String lastNode(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }

    static Response problem(Response.StatusType status, String type, String detail) {
        String title = status.getReasonPhrase() == null ? "Error" : status.getReasonPhrase();
        return Response.status(status.getStatusCode()).type(Problem.MEDIA_TYPE)
                .entity(new Problem(TYPE_PREFIX + type, title, status.getStatusCode(), detail)).build();
    }
}
