package io.civitas.worker.upstream;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.civitas.worker.engine.InvalidRequestException;

/**
 * The per-tenant prefix-cache salt sent to the upstream ({@code cache_salt}, vLLM): hex HMAC-SHA256 of the tenant id
 * the gateway authenticated, keyed by the worker's secret. Tenants thus never share cached prefixes, cannot choose
 * their salt, and cannot compute another tenant's.
 */
public final class CacheSalt {

    private static final String HMAC = "HmacSHA256";
    private static final int RANDOM_SECRET_BYTES = 32;

    private final SecretKeySpec key;

    /** Keyed by {@code secret}, or by a random secret drawn now when empty. */
    public CacheSalt(Optional<String> secret) {
        byte[] bytes = secret.filter(s -> !s.isEmpty()).map(s -> s.getBytes(StandardCharsets.UTF_8))
                .orElseGet(CacheSalt::randomSecret);
        this.key = new SecretKeySpec(bytes, HMAC);
    }

    private static byte[] randomSecret() {
        byte[] bytes = new byte[RANDOM_SECRET_BYTES];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    /** The salt of {@code tenantId}. */
    public String of(String tenantId) {
        if (tenantId == null || tenantId.isEmpty()) {
            throw new InvalidRequestException("tenant_id is required: it isolates the tenant's prefix cache");
        }
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(tenantId.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
