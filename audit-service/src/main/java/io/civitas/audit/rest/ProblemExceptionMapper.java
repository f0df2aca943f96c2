package io.civitas.audit.rest;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.civitas.audit.export.ExportNotFoundException;
import io.civitas.audit.export.InvalidExportRequestException;
import io.civitas.audit.export.TenantAccessDeniedException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * The one place where REST failures become RFC 7807 problem details, never with stack traces or class names.
 * Security failures keep their status (401 with a Bearer challenge, 403).
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
        return problem(Status.FORBIDDEN, "forbidden", "The token lacks the role this operation requires");
    }

    @ServerExceptionMapper
    public Response tenantAccessDenied(TenantAccessDeniedException e) {
        return problem(Status.FORBIDDEN, "tenant-forbidden", e.getMessage());
    }

    @ServerExceptionMapper
    public Response invalidExport(InvalidExportRequestException e) {
        return problem(Status.BAD_REQUEST, "invalid-export-request", e.getMessage());
    }

    @ServerExceptionMapper
    public Response exportNotFound(ExportNotFoundException e) {
        return problem(Status.NOT_FOUND, "export-not-found", e.getMessage());
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        Response.StatusType status = e.getResponse().getStatusInfo();
        if (status.getStatusCode() >= 500) {
            LOGGER.error("Request failed", e);
        }
        return problem(status, "http-" + status.getStatusCode(), "The request could not be served");
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        LOGGER.error("Unexpected failure of an audit API request", e);
        return problem(Status.INTERNAL_SERVER_ERROR, "internal-error", "An unexpected error occurred");
    }

    private static Response problem(Response.StatusType status, String type, String detail) {
        String title = status.getReasonPhrase() == null ? "Error" : status.getReasonPhrase();
        Problem problem = new Problem(TYPE_PREFIX + type, title, status.getStatusCode(), detail);
        return Response.status(status.getStatusCode()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
