package io.civitas.gateway.error;

import java.util.Objects;

import io.civitas.api.events.v1.Outcome;

/**
 * An error as the client sees it (OpenAI shape: message, type, param, code) with its HTTP status and the outcome
 * recorded in events.
 */
public record ApiError(int httpStatus, String type, String code, String param, String message, Outcome outcome) {

    public ApiError {
        if (httpStatus < 400 || httpStatus > 599) {
            throw new IllegalArgumentException("Not an error status: " + httpStatus);
        }
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(outcome, "outcome");
    }
}
