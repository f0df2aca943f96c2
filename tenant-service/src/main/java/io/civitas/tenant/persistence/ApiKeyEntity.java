package io.civitas.tenant.persistence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.civitas.tenant.domain.ApiKey;
import io.civitas.tenant.domain.KeyLimits;
import io.civitas.tenant.domain.KeySpec;
import io.civitas.tenant.domain.Scope;
import io.civitas.tenant.keys.ApiKeyFormat;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * Row of {@code api_key}: the key's public id and HMAC, never the key itself.
 */
@Entity
@Table(name = "api_key")
public class ApiKeyEntity {

    @Id
    @Column(length = 32)
    private String id;

    @Column(name = "tenant_id", nullable = false)
    private UUID tenantId;

    @Column(nullable = false, length = 100)
    private String name;

    @Column(name = "key_hash", nullable = false)
    private byte[] keyHash;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    private List<String> scopes = new ArrayList<>();

    @Column(name = "limit_requests_per_minute", nullable = false)
    private int limitRequestsPerMinute;

    @Column(name = "limit_tokens_per_minute", nullable = false)
    private long limitTokensPerMinute;

    @Column(name = "limit_max_concurrency", nullable = false)
    private int limitMaxConcurrency;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "expires_at")
    private Instant expiresAt;

    @Column(name = "last_used_at")
    private Instant lastUsedAt;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    @Column(name = "replaced_by", length = 32)
    private String replacedBy;

    protected ApiKeyEntity() {
    }

    public ApiKeyEntity(String id, UUID tenantId, KeySpec spec, byte[] keyHash, Instant createdAt) {
        this.id = id;
        this.tenantId = tenantId;
        this.name = spec.name();
        this.scopes = new ArrayList<>(Scope.names(spec.scopes()));
        this.limitRequestsPerMinute = spec.limits().requestsPerMinute();
        this.limitTokensPerMinute = spec.limits().tokensPerMinute();
        this.limitMaxConcurrency = spec.limits().maxConcurrency();
        this.expiresAt = spec.expiresAt();
        this.keyHash = keyHash.clone();
        this.createdAt = createdAt;
    }

    public String getId() {
        return id;
    }

    public UUID getTenantId() {
        return tenantId;
    }

    public byte[] getKeyHash() {
        return keyHash.clone();
    }

    /** Revokes the key; revoking again keeps the first revocation time. Returns whether it was newly revoked. */
    public boolean revoke(Instant at) {
        if (revokedAt != null) {
            return false;
        }
        revokedAt = at;
        return true;
    }

    /** Marks the key as replaced by {@code successorId}; it stops working at {@code until} at the latest. */
    public void replace(String successorId, Instant until) {
        replacedBy = successorId;
        if (expiresAt == null || expiresAt.isAfter(until)) {
            expiresAt = until;
        }
    }

    /** What a successor of this key in a rotation gets: the same name, scopes and limits. */
    public KeySpec successorSpec() {
        return new KeySpec(name, Scope.parseAll(scopes), null, limits());
    }

    private KeyLimits limits() {
        return new KeyLimits(limitRequestsPerMinute, limitTokensPerMinute, limitMaxConcurrency);
    }

    public ApiKey toApiKey() {
        return new ApiKey(id, tenantId, name, ApiKeyFormat.SCHEME + id, scopes, limits(), createdAt, expiresAt,
                lastUsedAt, revokedAt, replacedBy);
    }
}
