package io.civitas.tenant.admin;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.civitas.support.problem.GenericProblemMapper;
import io.civitas.support.problem.Problems;
import io.civitas.tenant.domain.ApiKeyNotFoundException;
import io.civitas.tenant.domain.ApiKeyNotUsableException;
import io.civitas.tenant.domain.EntitlementNotFoundException;
import io.civitas.tenant.domain.InvalidRequestException;
import io.civitas.tenant.domain.TenantNameTakenException;
import io.civitas.tenant.domain.TenantNotFoundException;

/**
 * The one place where tenant-service's own failures become RFC 7807 problem details. Authentication (401; 503 while
 * Keycloak cannot be reached), 403, validation, malformed requests and unexpected failures are mapped by
 * {@link GenericProblemMapper}, shared with the other services.
 */
public class ProblemExceptionMapper {

    @ServerExceptionMapper
    public Response invalidRequest(InvalidRequestException e) {
        return Problems.response(Status.BAD_REQUEST, "validation-failed", e.getMessage());
    }

    @ServerExceptionMapper
    public Response tenantNotFound(TenantNotFoundException e) {
        return Problems.response(Status.NOT_FOUND, "tenant-not-found", e.getMessage());
    }

    @ServerExceptionMapper
    public Response apiKeyNotFound(ApiKeyNotFoundException e) {
        return Problems.response(Status.NOT_FOUND, "api-key-not-found", e.getMessage());
    }

    @ServerExceptionMapper
    public Response apiKeyNotUsable(ApiKeyNotUsableException e) {
        return Problems.response(Status.CONFLICT, "api-key-not-usable", e.getMessage());
    }

    @ServerExceptionMapper
    public Response entitlementNotFound(EntitlementNotFoundException e) {
        return Problems.response(Status.NOT_FOUND, "entitlement-not-found", e.getMessage());
    }

    @ServerExceptionMapper
    public Response tenantNameTaken(TenantNameTakenException e) {
        return Problems.response(Status.CONFLICT, "tenant-name-taken", e.getMessage());
    }
}
