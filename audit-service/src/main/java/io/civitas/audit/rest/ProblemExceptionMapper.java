package io.civitas.audit.rest;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.civitas.audit.export.ExportNotFoundException;
import io.civitas.audit.export.InvalidExportRequestException;
import io.civitas.audit.export.TenantAccessDeniedException;
import io.civitas.support.problem.GenericProblemMapper;
import io.civitas.support.problem.Problems;

/**
 * The one place where the audit API's own failures become RFC 7807 problem details, never with stack traces or
 * class names. Authentication (401; 503 while Keycloak cannot be reached), 403 for a missing role, malformed
 * requests and unexpected failures are mapped by {@link GenericProblemMapper}.
 */
public class ProblemExceptionMapper {

    @ServerExceptionMapper
    public Response tenantAccessDenied(TenantAccessDeniedException e) {
        return Problems.response(Status.FORBIDDEN, "tenant-forbidden", e.getMessage());
    }

    @ServerExceptionMapper
    public Response invalidExport(InvalidExportRequestException e) {
        return Problems.response(Status.BAD_REQUEST, "invalid-export-request", e.getMessage());
    }

    @ServerExceptionMapper
    public Response exportNotFound(ExportNotFoundException e) {
        return Problems.response(Status.NOT_FOUND, "export-not-found", e.getMessage());
    }
}
