package io.civitas.tenant.keys;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.civitas.tenant.config.TenantServiceConfig;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * HMAC-SHA256 of full API keys under the configured pepper: what is stored instead of the key.
 */
@ApplicationScoped
public class ApiKeyHasher {

    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec pepper;

    public ApiKeyHasher(TenantServiceConfig config) {
        this.pepper = new SecretKeySpec(config.keys().pepper().getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    public byte[] hash(String fullKey) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(pepper);
            return mac.doFinal(fullKey.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }

    /** Compares in constant time whether {@code fullKey} hashes to {@code expectedHash}. */
    public boolean matches(String fullKey, byte[] expectedHash) {
        return MessageDigest.isEqual(hash(fullKey), expectedHash);
    }
}
