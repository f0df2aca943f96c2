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

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * The failures every service's REST API shares, as RFC 7807 problem details: authentication (401 with a Bearer
 * challenge), authorisation (403), validation and malformed requests (400), HTTP errors of the framework, and
 * anything unexpected (500, logged, never described). Each service maps its own exceptions in one class of its own,
 * through {@link Problems}.
 */
public class GenericProblemMapper {

    private static final Logger LOGGER = Logger.getLogger(GenericProblemMapper.class);

    @ServerExceptionMapper({ AuthenticationFailedException.class, UnauthorizedException.class })
    public Response unauthenticated(RuntimeException e) {
        return Response.fromResponse(Problems.response(Status.UNAUTHORIZED, "unauthenticated",
                "A valid bearer token is required")).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
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
}
