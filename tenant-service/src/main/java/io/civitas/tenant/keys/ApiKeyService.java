package io.civitas.tenant.keys;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import org.jboss.logging.Logger;

import io.civitas.api.events.v1.TenantChanged.Change;
import io.civitas.tenant.config.TenantServiceConfig;
import io.civitas.tenant.domain.ApiKey;
import io.civitas.tenant.domain.ApiKeyNotFoundException;
import io.civitas.tenant.domain.ApiKeyNotUsableException;
import io.civitas.tenant.domain.Entitlement;
import io.civitas.tenant.domain.InvalidApiKeyException;
import io.civitas.tenant.domain.InvalidApiKeyException.Reason;
import io.civitas.tenant.domain.InvalidRequestException;
import io.civitas.tenant.domain.IssuedApiKey;
import io.civitas.tenant.domain.KeySpec;
import io.civitas.tenant.domain.Now;
import io.civitas.tenant.domain.Page;
import io.civitas.tenant.domain.PageRequest;
import io.civitas.tenant.domain.ResolvedKey;
import io.civitas.tenant.domain.Tenant;
import io.civitas.tenant.domain.TenantStatus;
import io.civitas.tenant.outbox.TenantChangeRecorder;
import io.civitas.tenant.persistence.ApiKeyEntity;
import io.civitas.tenant.persistence.ApiKeyRepository;
import io.civitas.tenant.persistence.EntitlementEntity;
import io.civitas.tenant.persistence.TenantEntity;
import io.civitas.tenant.tenants.TenantService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Issuing, listing, rotating, revoking and resolving API keys. Only key ids are ever logged.
 */
@ApplicationScoped
public class ApiKeyService {

    private static final Logger LOGGER = Logger.getLogger(ApiKeyService.class);

    private final ApiKeyRepository keys;
    private final TenantService tenants;
    private final TenantChangeRecorder changes;
    private final ApiKeyHasher hasher;
    private final LastUseRecorder lastUse;
    private final Duration maxOverlap;
    private final ApiKeyFormat format = new ApiKeyFormat(new SecureRandom());

    public ApiKeyService(ApiKeyRepository keys, TenantService tenants, TenantChangeRecorder changes,
            ApiKeyHasher hasher, LastUseRecorder lastUse, TenantServiceConfig config) {
        this.keys = keys;
        this.tenants = tenants;
        this.changes = changes;
        this.hasher = hasher;
        this.lastUse = lastUse;
        this.maxOverlap = Duration.ofSeconds(config.keys().rotationOverlapSeconds());
    }

    /** Issues a key for the tenant; the returned full key is not kept anywhere. */
    @Transactional
    public IssuedApiKey issue(UUID tenantId, KeySpec spec) {
        Objects.requireNonNull(spec, "spec");
        Instant now = Now.micros();
        if (spec.expiresAt() != null && !spec.expiresAt().isAfter(now)) {
            throw new InvalidRequestException("expiresAt must be in the future");
        }
        TenantEntity tenant = tenants.lock(tenantId);
        IssuedApiKey issued = persistNew(tenantId, spec, now);
        changes.record(tenant, Change.KEY_CREATED, issued.apiKey().id());
        LOGGER.infof("API key issued tenantId=%s keyId=%s", tenantId, issued.apiKey().id());
        return issued;
    }

    @Transactional
    public Page<ApiKey> page(UUID tenantId, PageRequest request) {
        tenants.get(tenantId);
        return keys.page(tenantId, request);
    }

    @Transactional
    public ApiKey get(UUID tenantId, String keyId) {
        return find(tenantId, keyId).toApiKey();
    }

    /**
     * Issues a successor with the same name, scopes and limits, and lets the old key work for {@code overlap} more
     * (at most the configured rotation overlap; null means that maximum).
     */
    @Transactional
    public IssuedApiKey rotate(UUID tenantId, String keyId, Duration overlap) {
        if (overlap != null && (overlap.isNegative() || overlap.compareTo(maxOverlap) > 0)) {
            throw new InvalidRequestException("overlapSeconds must be between 0 and " + maxOverlap.toSeconds());
        }
        TenantEntity tenant = tenants.lock(tenantId);
        ApiKeyEntity old = find(tenantId, keyId);
        Instant now = Now.micros();
        if (old.toApiKey().stateAt(now) != ApiKey.State.ACTIVE) {
            throw new ApiKeyNotUsableException(keyId);
        }
        IssuedApiKey successor = persistNew(tenantId, old.successorSpec(), now);
        old.replace(successor.apiKey().id(), now.plus(overlap == null ? maxOverlap : overlap));
        changes.record(tenant, Change.KEY_ROTATED, keyId);
        LOGGER.infof("API key rotated tenantId=%s keyId=%s successorKeyId=%s", tenantId, keyId,
                successor.apiKey().id());
        return successor;
    }

    /** Revokes a key of the tenant; revoking a revoked key again is accepted and changes nothing. */
    @Transactional
    public void revoke(UUID tenantId, String keyId) {
        TenantEntity tenant = tenants.lock(tenantId);
        if (find(tenantId, keyId).revoke(Now.micros())) {
            changes.record(tenant, Change.KEY_REVOKED, keyId);
            LOGGER.infof("API key revoked tenantId=%s keyId=%s", tenantId, keyId);
        }
    }

    /**
     * Resolves a presented key to its tenant, limits and entitlements in force.
     *
     * @throws InvalidApiKeyException when the key is malformed, unknown, wrong, revoked, expired, or its tenant is
     *         not active
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public ResolvedKey resolve(String presented) {
        PresentedApiKey key = ApiKeyFormat.parse(presented).orElseThrow(() -> rejected(Reason.MALFORMED, null));
        ApiKeyRepository.Resolution found = keys.resolution(key.keyId())
                .orElseThrow(() -> rejected(Reason.UNKNOWN_KEY_ID, key.keyId()));
        if (!hasher.matches(key.fullKey(), found.key().getKeyHash())) {
            throw rejected(Reason.SECRET_MISMATCH, key.keyId());
        }
        Instant now = Instant.now();
        ApiKey apiKey = found.key().toApiKey();
        switch (apiKey.stateAt(now)) {
            case REVOKED -> throw rejected(Reason.REVOKED, key.keyId());
            case EXPIRED -> throw rejected(Reason.EXPIRED, key.keyId());
            case ACTIVE -> {
            }
        }
        Tenant tenant = found.tenant().toTenant();
        if (tenant.status() != TenantStatus.ACTIVE) {
            throw rejected(Reason.TENANT_NOT_ACTIVE, key.keyId());
        }
        List<Entitlement> inForce = found.entitlements().stream()
                .map(EntitlementEntity::toEntitlement).filter(e -> e.inForceAt(now)).toList();
        lastUse.used(apiKey.id());
        return new ResolvedKey(tenant, apiKey, inForce);
    }

    private IssuedApiKey persistNew(UUID tenantId, KeySpec spec, Instant now) {
        PresentedApiKey key = format.generate();
        ApiKeyEntity entity = new ApiKeyEntity(key.keyId(), tenantId, spec, hasher.hash(key.fullKey()), now);
        keys.persist(entity);
        return new IssuedApiKey(entity.toApiKey(), key.fullKey());
    }

    private ApiKeyEntity find(UUID tenantId, String keyId) {
        return keys.findByIdOptional(keyId)
                .filter(k -> k.getTenantId().equals(tenantId))
                .orElseThrow(() -> new ApiKeyNotFoundException(tenantId, keyId));
    }

    private static InvalidApiKeyException rejected(Reason reason, String keyId) {
        LOGGER.debugf("API key rejected keyId=%s reason=%s", keyId, reason);
        return new InvalidApiKeyException(reason);
    }
}
