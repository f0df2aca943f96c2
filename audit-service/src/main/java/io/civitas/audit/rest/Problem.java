package io.civitas.audit.rest;

import java.util.Objects;

/** RFC 7807 problem details. */
public record Problem(String type, String title, int status, String detail) {

    /** Media type of problem details. */
    public static final String MEDIA_TYPE = "application/problem+json";

    public Problem {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(title, "title");
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("status must be an error status");
        }
    }
}
