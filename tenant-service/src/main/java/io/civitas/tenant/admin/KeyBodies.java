package io.civitas.tenant.admin;

import java.time.Instant;
import java.util.List;

import io.civitas.tenant.domain.ApiKey;
import io.civitas.tenant.domain.IssuedApiKey;
import io.civitas.tenant.domain.KeyLimits;
import io.civitas.tenant.domain.KeySpec;
import io.civitas.tenant.domain.Scope;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * Request and response bodies of {@code /admin/v1/tenants/{id}/keys}.
 */
public final class KeyBodies {

    private KeyBodies() {
    }

    /** Limits of one key; missing or zero: only the tenant's limits apply. */
    public record KeyLimitsBody(Integer requestsPerMinute, Long tokensPerMinute, Integer maxConcurrency) {

        static KeyLimitsBody of(KeyLimits limits) {
            return new KeyLimitsBody(limits.requestsPerMinute(), limits.tokensPerMinute(), limits.maxConcurrency());
        }

        KeyLimits toLimits() {
            return new KeyLimits(QuotasBody.orZero(requestsPerMinute), QuotasBody.orZero(tokensPerMinute),
                    QuotasBody.orZero(maxConcurrency));
        }
    }

    /** Body of {@code POST .../keys}; scopes default to inference and embeddings, no expiry. */
    public record CreateKeyRequest(@NotBlank @Size(max = 100) String name, List<String> scopes, Instant expiresAt,
            KeyLimitsBody limits) {

        KeySpec toSpec() {
            return new KeySpec(name, Scope.parseAll(scopes), expiresAt, limits == null ? null : limits.toLimits());
        }
    }

    /** Body of {@code POST .../keys/{keyId}/rotate}; without it the configured overlap applies. */
    public record RotateKeyRequest(@PositiveOrZero Long overlapSeconds) {
    }

    /** A key as listed: never its secret. {@code state} is active, expired or revoked. */
    public record KeyResponse(String id, String name, String prefix, List<String> scopes, KeyLimitsBody limits,
            ApiKey.State state, Instant createdAt, Instant expiresAt, Instant lastUsedAt, Instant revokedAt,
            String replacedBy) {

        static KeyResponse of(ApiKey key) {
            return new KeyResponse(key.id(), key.name(), key.prefix(), key.scopes(), KeyLimitsBody.of(key.limits()),
                    key.stateAt(Instant.now()), key.createdAt(), key.expiresAt(), key.lastUsedAt(), key.revokedAt(),
                    key.replacedBy());
        }
    }

    /** Answer of creating or rotating a key: the only response that ever carries the full key. */
    public record CreatedKeyResponse(String id, String name, String key, String prefix, List<String> scopes,
            KeyLimitsBody limits, Instant createdAt, Instant expiresAt) {

        static CreatedKeyResponse of(IssuedApiKey issued) {
            ApiKey key = issued.apiKey();
            return new CreatedKeyResponse(key.id(), key.name(), issued.key(), key.prefix(), key.scopes(),
                    KeyLimitsBody.of(key.limits()), key.createdAt(), key.expiresAt());
        }

        @Override
        public String toString() {
            return "CreatedKeyResponse[id=" + id + ", name=" + name + ", prefix=" + prefix + "]";
        }
    }
}
