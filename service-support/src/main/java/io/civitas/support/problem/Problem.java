package io.civitas.support.problem;

import java.util.Objects;

/**
 * RFC 7807 problem details, the body of every error answer of the services' REST APIs. {@code type} is
 * {@value #TYPE_PREFIX}{@code <code>}; {@code title} is the status's reason phrase; {@code detail} is safe to show
 * to the caller (never a stack trace, class name, SQL or token).
 */
public record Problem(String type, String title, int status, String detail) {

    /** Media type of problem details. */
    public static final String MEDIA_TYPE = "application/problem+json";

    /** Prefix of every {@code type}; the code after it names the failure. */
    public static final String TYPE_PREFIX = "urn:civitas:problem:";

    public Problem {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(title, "title");
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("status must be an error status");
        }
    }
}
