package io.civitas.tenant.persistence;

import java.time.Instant;
import java.util.UUID;

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

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    protected ApiKeyEntity() {
    }

    public ApiKeyEntity(String id, UUID tenantId, String name, byte[] keyHash, Instant createdAt) {
        this.id = id;
        this.tenantId = tenantId;
        this.name = name;
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

    public boolean isRevoked() {
        return revokedAt != null;
    }

    /** Revokes the key; revoking again keeps the first revocation time. */
    public void revoke(Instant at) {
        if (revokedAt == null) {
            revokedAt = at;
        }
    }
}
