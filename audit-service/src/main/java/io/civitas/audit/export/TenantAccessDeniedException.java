package io.civitas.audit.export;

/** A tenant-admin asked for another tenant's audit data, or the token binds to no tenant. */
public class TenantAccessDeniedException extends RuntimeException {

    public TenantAccessDeniedException(String message) {
        super(message);
    }
}
