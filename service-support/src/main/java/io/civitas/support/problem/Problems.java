package io.civitas.support.problem;

import jakarta.ws.rs.core.Response;

/**
 * Builds problem+json responses; the services' exception mappers answer only through it.
 */
public final class Problems {

    private Problems() {
    }

    /**
     * A response with the status and a {@link Problem} body of type {@value Problem#TYPE_PREFIX}{@code code}.
     *
     * @param status the HTTP status (4xx or 5xx); its reason phrase becomes the title
     * @param code the failure's code, lower-case words joined by {@code -}
     * @param detail what went wrong, safe to show to the caller
     */
    public static Response response(Response.StatusType status, String code, String detail) {
        String title = status.getReasonPhrase() == null ? "Error" : status.getReasonPhrase();
        Problem problem = new Problem(Problem.TYPE_PREFIX + code, title, status.getStatusCode(), detail);
        return Response.status(status.getStatusCode()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
