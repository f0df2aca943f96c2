package io.civitas.tenant.tenants;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jboss.logging.Logger;

import io.civitas.api.events.v1.TenantChanged.Change;
import io.civitas.support.security.Actor;
import io.civitas.tenant.domain.Entitlement;
import io.civitas.tenant.domain.EntitlementNotFoundException;
import io.civitas.tenant.domain.EntitlementTerms;
import io.civitas.tenant.domain.Now;
import io.civitas.tenant.outbox.TenantChangeRecorder;
import io.civitas.tenant.persistence.EntitlementEntity;
import io.civitas.tenant.persistence.EntitlementRepository;
import io.civitas.tenant.persistence.TenantEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Granting, withdrawing and accepting model entitlements.
 */
@ApplicationScoped
public class EntitlementService {

    private static final Logger LOGGER = Logger.getLogger(EntitlementService.class);

    private final TenantService tenants;
    private final EntitlementRepository entitlements;
    private final TenantChangeRecorder changes;

    public EntitlementService(TenantService tenants, EntitlementRepository entitlements,
            TenantChangeRecorder changes) {
        this.tenants = tenants;
        this.entitlements = entitlements;
        this.changes = changes;
    }

    @Transactional
    public List<Entitlement> list(UUID tenantId) {
        tenants.get(tenantId);
        return entitlements.listByTenant(tenantId).stream().map(EntitlementEntity::toEntitlement).toList();
    }

    /** Models the tenant may use now: its accepted entitlements within their validity. */
    @Transactional
    public List<String> modelsInForce(UUID tenantId) {
        Instant now = Instant.now();
        return entitlements.listByTenant(tenantId).stream().map(EntitlementEntity::toEntitlement)
                .filter(e -> e.inForceAt(now)).map(Entitlement::model).toList();
    }

    /** Grants the model or changes its terms; new licence terms must be accepted again. */
    @Transactional
    public Entitlement grant(UUID tenantId, String model, EntitlementTerms terms) {
        TenantEntity tenant = tenants.lock(tenantId);
        Instant now = Now.micros();
        Optional<EntitlementEntity> existing = entitlements.findByTenantAndModel(tenantId, model);
        EntitlementEntity entitlement = existing.orElseGet(() -> new EntitlementEntity(tenantId, model, now));
        entitlement.setTerms(terms, now);
        if (existing.isEmpty()) {
            entitlements.persist(entitlement);
        }
        entitlements.flush();
        changes.record(tenant, Change.ENTITLEMENT_CHANGED, null);
        LOGGER.infof("Entitlement granted tenantId=%s model=%s", tenantId, model);
        return entitlement.toEntitlement();
    }

    @Transactional
    public void withdraw(UUID tenantId, String model) {
        TenantEntity tenant = tenants.lock(tenantId);
        entitlements.delete(find(tenantId, model));
        entitlements.flush();
        changes.record(tenant, Change.ENTITLEMENT_CHANGED, null);
        LOGGER.infof("Entitlement withdrawn tenantId=%s model=%s", tenantId, model);
    }

    /** Records that the tenant accepted the licence terms; accepting again changes nothing. */
    @Transactional
    public Entitlement accept(UUID tenantId, String model, Actor actor) {
        TenantEntity tenant = tenants.lock(tenantId);
        EntitlementEntity entitlement = find(tenantId, model);
        if (!entitlement.toEntitlement().accepted()) {
            entitlement.accept(Now.micros(), actor.name());
            changes.record(tenant, Change.ENTITLEMENT_CHANGED, null);
            LOGGER.infof("Licence terms accepted tenantId=%s model=%s", tenantId, model);
        }
        return entitlement.toEntitlement();
    }

    private EntitlementEntity find(UUID tenantId, String model) {
        return entitlements.findByTenantAndModel(tenantId, model)
                .orElseThrow(() -> new EntitlementNotFoundException(tenantId, model));
    }
}
