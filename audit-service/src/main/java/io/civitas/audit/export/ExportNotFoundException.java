package io.civitas.audit.export;

/** No export is known under the id given, or it is not the caller's to see. */
public class ExportNotFoundException extends RuntimeException {

    public ExportNotFoundException(String message) {
        super(message);
    }
}
