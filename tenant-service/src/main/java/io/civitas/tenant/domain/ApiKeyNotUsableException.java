package io.civitas.tenant.domain;

/**
 * The operation needs a usable key but the key is revoked or expired (e.g. rotating a revoked key).
 */
public class ApiKeyNotUsableException extends RuntimeException {

    public ApiKeyNotUsableException(String keyId) {
        super("API key " + keyId + " is revoked or expired");
    }
}
