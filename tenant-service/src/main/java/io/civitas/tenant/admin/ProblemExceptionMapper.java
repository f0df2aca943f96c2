package io.civitas.tenant.admin;

import java.util.Comparator;
import java.util.stream.Collectors;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.civitas.tenant.domain.ApiKeyNotFoundException;
import io.civitas.tenant.domain.ApiKeyNotUsableException;
import io.civitas.tenant.domain.EntitlementNotFoundException;
import io.civitas.tenant.domain.InvalidRequestException;
import io.civitas.tenant.domain.TenantNameTakenException;
import io.civitas.tenant.domain.TenantNotFoundException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;

/**
 * The one place where REST failures become RFC 7807 problem details. Responses never carry stack traces or class
 * names. Security failures keep their status (401 with a Bearer challenge, 403) and get a problem body too.
 */
public class ProblemExceptionMapper {

    private static final Logger LOGGER = Logger.getLogger(ProblemExceptionMapper.class);
    private static final String TYPE_PREFIX = "urn:civitas:problem:";

    @ServerExceptionMapper({ AuthenticationFailedException.class, UnauthorizedException.class })
    public Response unauthenticated(RuntimeException e) {
        return Response.fromResponse(problem(Status.UNAUTHORIZED, "unauthenticated", "A valid bearer token is required"))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return problem(Status.FORBIDDEN, "forbidden", "The token does not allow this operation on this tenant");
    }

    @ServerExceptionMapper
    public Response invalidRequest(InvalidRequestException e) {
        return problem(Status.BAD_REQUEST, "validation-failed", e.getMessage());
    }

    @ServerExceptionMapper
    public Response tenantNotFound(TenantNotFoundException e) {
        return problem(Status.NOT_FOUND, "tenant-not-found", e.getMessage());
    }

    @ServerExceptionMapper
    public Response apiKeyNotFound(ApiKeyNotFoundException e) {
        return problem(Status.NOT_FOUND, "api-key-not-found", e.getMessage());
    }

    @ServerExceptionMapper
    public Response apiKeyNotUsable(ApiKeyNotUsableException e) {
        return problem(Status.CONFLICT, "api-key-not-usable", e.getMessage());
    }

    @ServerExceptionMapper
    public Response entitlementNotFound(EntitlementNotFoundException e) {
        return problem(Status.NOT_FOUND, "entitlement-not-found", e.getMessage());
    }

    @ServerExceptionMapper
    public Response tenantNameTaken(TenantNameTakenException e) {
        return problem(Status.CONFLICT, "tenant-name-taken", e.getMessage());
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e) {
        String detail = e.getConstraintViolations().stream()
                .map(v -> field(v) + ": " + v.getMessage())
                .sorted(Comparator.naturalOrder())
                .collect(Collectors.joining("; "));
        return problem(Status.BAD_REQUEST, "validation-failed", detail.isEmpty() ? "The request is not valid" : detail);
    }

    /** Replaces Quarkus's built-in mapper, whose body names internal classes. */
    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e) {
        return malformed();
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        Response.StatusType status = e.getResponse().getStatusInfo();
        if (status.getStatusCode() == Status.BAD_REQUEST.getStatusCode()) {
            return malformed();
        }
        if (status.getStatusCode() >= 500) {
            LOGGER.error("Request failed", e);
        }
        return problem(status, "http-" + status.getStatusCode(), "The request could not be served");
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        LOGGER.error("Unexpected failure of an admin request", e);
        return problem(Status.INTERNAL_SERVER_ERROR, "internal-error", "An unexpected error occurred");
    }

    private static Response malformed() {
        return problem(Status.BAD_REQUEST, "malformed-request", "The request body or a parameter is malformed");
    }

    private static String field(ConstraintViolation<?> violation) {
        String field = "request";
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getName() != null && node.getKind() != jakarta.validation.ElementKind.METHOD
                    && node.getKind() != jakarta.validation.ElementKind.CONTAINER_ELEMENT) {
                field = node.getName();
            }
        }
        return field;
    }

    private static Response problem(Response.StatusType status, String type, String detail) {
        String title = status.getReasonPhrase() == null ? "Error" : status.getReasonPhrase();
        Problem problem = new Problem(TYPE_PREFIX + type, title, status.getStatusCode(), detail);
        return Response.status(status.getStatusCode()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
