package io.civitas.billing.rest;

/** RFC 7807 problem details. */
public record Problem(String type, String title, int status, String detail) {

    /** Media type of problem details. */
    public static final String MEDIA_TYPE = "application/problem+json";
}
