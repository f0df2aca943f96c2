package io.civitas.audit.export;

/** An export request's parameters are missing or invalid. */
public class InvalidExportRequestException extends RuntimeException {

    public InvalidExportRequestException(String message) {
        super(message);
    }
}
