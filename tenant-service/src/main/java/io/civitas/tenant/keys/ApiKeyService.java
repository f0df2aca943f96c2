package io.civitas.tenant.keys;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;

import org.jboss.logging.Logger;

import io.civitas.tenant.domain.ApiKeyNotFoundException;
import io.civitas.tenant.domain.InvalidApiKeyException;
import io.civitas.tenant.domain.InvalidApiKeyException.Reason;
import io.civitas.tenant.domain.IssuedApiKey;
import io.civitas.tenant.domain.ResolvedKey;
import io.civitas.tenant.domain.Tenant;
import io.civitas.tenant.domain.TenantNotFoundException;
import io.civitas.tenant.domain.TenantStatus;
import io.civitas.tenant.persistence.ApiKeyEntity;
import io.civitas.tenant.persistence.ApiKeyRepository;
import io.civitas.tenant.persistence.TenantEntity;
import io.civitas.tenant.persistence.TenantRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Issuing, revoking and resolving API keys. Only key ids are ever logged.
 */
@ApplicationScoped
public class ApiKeyService {

    private static final Logger LOGGER = Logger.getLogger(ApiKeyService.class);

    private final ApiKeyRepository keys;
    private final TenantRepository tenants;
    private final ApiKeyHasher hasher;
    private final ApiKeyFormat format = new ApiKeyFormat(new SecureRandom());

    public ApiKeyService(ApiKeyRepository keys, TenantRepository tenants, ApiKeyHasher hasher) {
        this.keys = keys;
        this.tenants = tenants;
        this.hasher = hasher;
    }

    /** Issues a key for the tenant; the returned full key is not kept anywhere. */
    @Transactional
    public IssuedApiKey issue(UUID tenantId, String name) {
        Objects.requireNonNull(name, "name");
        if (tenants.findByIdOptional(tenantId).isEmpty()) {
            throw new TenantNotFoundException(tenantId);
        }
        PresentedApiKey key = format.generate();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        keys.persist(new ApiKeyEntity(key.keyId(), tenantId, name.strip(), hasher.hash(key.fullKey()), now));
        LOGGER.infof("API key issued tenantId=%s keyId=%s", tenantId, key.keyId());
        return new IssuedApiKey(key.keyId(), name.strip(), key.fullKey(), key.prefix(), now);
    }

    /** Revokes a key of the tenant; revoking a revoked key again is accepted. */
    @Transactional
    public void revoke(UUID tenantId, String keyId) {
        ApiKeyEntity key = keys.findByIdOptional(keyId)
                .filter(k -> k.getTenantId().equals(tenantId))
                .orElseThrow(() -> new ApiKeyNotFoundException(tenantId, keyId));
        key.revoke(Instant.now().truncatedTo(ChronoUnit.MICROS));
        LOGGER.infof("API key revoked tenantId=%s keyId=%s", tenantId, keyId);
    }

    /**
     * Resolves a presented key to its tenant.
     *
     * @throws InvalidApiKeyException when the key is malformed, unknown, wrong, revoked, or its tenant is not active
     */
    @Transactional
    public ResolvedKey resolve(String presented) {
        PresentedApiKey key = ApiKeyFormat.parse(presented).orElseThrow(() -> rejected(Reason.MALFORMED, null));
        ApiKeyEntity stored = keys.findByIdOptional(key.keyId())
                .orElseThrow(() -> rejected(Reason.UNKNOWN_KEY_ID, key.keyId()));
        if (!hasher.matches(key.fullKey(), stored.getKeyHash())) {
            throw rejected(Reason.SECRET_MISMATCH, key.keyId());
        }
        if (stored.isRevoked()) {
            throw rejected(Reason.REVOKED, key.keyId());
        }
        Tenant tenant = tenants.findByIdOptional(stored.getTenantId()).map(TenantEntity::toTenant)
                .filter(t -> t.status() == TenantStatus.ACTIVE)
                .orElseThrow(() -> rejected(Reason.TENANT_NOT_ACTIVE, key.keyId()));
        return new ResolvedKey(tenant.id(), tenant.name(), stored.getId(), tenant.allowedModels(),
                tenant.allowedRegions());
    }

    private static InvalidApiKeyException rejected(Reason reason, String keyId) {
        LOGGER.debugf("API key rejected keyId=%s reason=%s", keyId, reason);
        return new InvalidApiKeyException(reason);
    }
}
