package io.civitas.support.problem;

import java.util.Comparator;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.quarkus.oidc.OIDCException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * The failures every service's REST API shares, as RFC 7807 problem details: authentication (401 with a Bearer
 * challenge; 503 with {@code Retry-After} when the identity provider cannot be reached to verify the token),
 * authorisation (403), validation and malformed requests (400), HTTP errors of the framework, and anything
 * unexpected (500, logged, never described). Each service maps its own exceptions in one class of its own,
 * through {@link Problems}. Logs never carry the token.
 */
public class GenericProblemMapper {

    /** Seconds a client is asked to wait before retrying while the identity provider is unreachable. */
    public static final int IDENTITY_PROVIDER_RETRY_AFTER_SECONDS = 10;

    private static final Logger LOGGER = Logger.getLogger(GenericProblemMapper.class);

    @ServerExceptionMapper({ AuthenticationFailedException.class, UnauthorizedException.class })
    public Response unauthenticated(RuntimeException e) {
        if (IdentityProviderFailures.isUnreachable(e)) {
            return identityProviderUnavailable(e);
        }
        return Response.fromResponse(Problems.response(Status.UNAUTHORIZED, "unauthenticated",
                "A valid bearer token is required")).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    /**
     * Quarkus OIDC fails with this, not with {@link AuthenticationFailedException}, when a request needs the OIDC
     * tenant and the tenant cannot be initialised: the identity provider was unreachable at startup, and its
     * discovery endpoint still cannot be read (Quarkus drops the network cause here). No token can be verified.
     */
    @ServerExceptionMapper
    public Response oidcTenantNotInitialised(OIDCException e) {
        return identityProviderUnavailable(e);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return Problems.response(Status.FORBIDDEN, "forbidden", "The token does not allow this operation");
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e) {
        String detail = e.getConstraintViolations().stream()
                .map(v -> field(v) + ": " + v.getMessage())
                .sorted(Comparator.naturalOrder())
                .collect(Collectors.joining("; "));
        return Problems.response(Status.BAD_REQUEST, "validation-failed",
                detail.isEmpty() ? "The request is not valid" : detail);
    }

    /** Replaces Quarkus's built-in mappers, whose bodies name internal classes. */
    @ServerExceptionMapper({ JsonParseException.class, MismatchedInputException.class })
    public Response malformedJson(JsonProcessingException e) {
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
        return Problems.response(status, "http-" + status.getStatusCode(), "The request could not be served");
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        LOGGER.error("Unexpected failure of a REST request", e);
        return Problems.response(Status.INTERNAL_SERVER_ERROR, "internal-error", "An unexpected error occurred");
    }

    private static Response identityProviderUnavailable(RuntimeException e) {
        // The cause's class only: messages of token failures can quote the token's claims.
        LOGGER.warnf("The identity provider could not be reached to verify a bearer token; answering 503 cause=%s",
                rootCause(e).getClass().getName());
        return Response.fromResponse(Problems.response(Status.SERVICE_UNAVAILABLE, "identity-provider-unavailable",
                "The identity provider cannot be reached to verify the token; retry later"))
                .header(HttpHeaders.RETRY_AFTER, IDENTITY_PROVIDER_RETRY_AFTER_SECONDS).build();
    }

    private static Response malformed() {
        return Problems.response(Status.BAD_REQUEST, "malformed-request",
                "The request body or a parameter is malformed");
    }

    private static String field(ConstraintViolation<?> violation) {
        String field = "request";
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getName() != null && node.getKind() != ElementKind.METHOD
                    && node.getKind() != ElementKind.CONTAINER_ELEMENT) {
                field = node.getName();
            }
        }
        return field;
    }

    private static Throwable rootCause(Throwable e) {
        Throwable root = e;
        for (int depth = 0; root.getCause() != null && root.getCause() != root && depth < 16; depth++) {
            root = root.getCause();
        }
        return root;
    }
}
