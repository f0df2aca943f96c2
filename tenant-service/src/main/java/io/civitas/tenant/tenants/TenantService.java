package io.civitas.tenant.tenants;

import java.time.Instant;
import java.util.UUID;

import org.hibernate.exception.ConstraintViolationException;
import org.jboss.logging.Logger;

import io.civitas.api.events.v1.TenantChanged.Change;
import io.civitas.support.security.Actor;
import io.civitas.tenant.domain.EntitlementTerms;
import io.civitas.tenant.domain.NewTenant;
import io.civitas.tenant.domain.Now;
import io.civitas.tenant.domain.Page;
import io.civitas.tenant.domain.PageRequest;
import io.civitas.tenant.domain.Quotas;
import io.civitas.tenant.domain.Tenant;
import io.civitas.tenant.domain.TenantAttributes;
import io.civitas.tenant.domain.TenantNameTakenException;
import io.civitas.tenant.domain.TenantNotFoundException;
import io.civitas.tenant.domain.TenantStatus;
import io.civitas.tenant.outbox.TenantChangeRecorder;
import io.civitas.tenant.persistence.EntitlementEntity;
import io.civitas.tenant.persistence.EntitlementRepository;
import io.civitas.tenant.persistence.TenantEntity;
import io.civitas.tenant.persistence.TenantRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Creating, reading and changing tenants and their quotas. Every change is recorded by {@link TenantChangeRecorder}.
 */
@ApplicationScoped
public class TenantService {

    private static final Logger LOGGER = Logger.getLogger(TenantService.class);
    private static final String NAME_CONSTRAINT = "tenant_name_uk";

    private final TenantRepository tenants;
    private final EntitlementRepository entitlements;
    private final TenantChangeRecorder changes;

    public TenantService(TenantRepository tenants, EntitlementRepository entitlements, TenantChangeRecorder changes) {
        this.tenants = tenants;
        this.entitlements = entitlements;
        this.changes = changes;
    }

    @Transactional
    public Tenant create(NewTenant request, Actor actor) {
        String name = request.attributes().name();
        if (tenants.existsByName(name)) {
            throw new TenantNameTakenException(name);
        }
        Instant now = Now.micros();
        TenantEntity entity = new TenantEntity(UUID.randomUUID(), name, now);
        entity.apply(request.attributes());
        entity.setQuotas(request.quotas());
        flushUnique(entity, name);
        for (String model : request.allowedModels()) {
            EntitlementEntity entitlement = new EntitlementEntity(entity.getId(), model, now);
            entitlement.setTerms(new EntitlementTerms(NewTenant.DEFAULT_LICENCE, now, null, 0), now);
            entitlement.accept(now, actor.name());
            entitlements.persist(entitlement);
        }
        Tenant tenant = changes.record(entity, Change.TENANT_CREATED, null);
        LOGGER.infof("Tenant created tenantId=%s", tenant.id());
        return tenant;
    }

    @Transactional
    public Tenant get(UUID id) {
        return tenants.findByIdOptional(id).map(TenantEntity::toTenant)
                .orElseThrow(() -> new TenantNotFoundException(id));
    }

    @Transactional
    public Page<Tenant> page(PageRequest request) {
        return tenants.page(request);
    }

    @Transactional
    public Tenant update(UUID id, TenantAttributes attributes) {
        TenantEntity entity = lock(id);
        if (attributes.name() != null && !attributes.name().equals(entity.getName())
                && tenants.existsByName(attributes.name())) {
            throw new TenantNameTakenException(attributes.name());
        }
        entity.apply(attributes);
        flushUnique(entity, attributes.name());
        LOGGER.infof("Tenant updated tenantId=%s", id);
        return changes.record(entity, Change.TENANT_UPDATED, null);
    }

    @Transactional
    public Tenant changeStatus(UUID id, TenantStatus status) {
        TenantEntity entity = lock(id);
        if (entity.getStatus() == status) {
            return entity.toTenant();
        }
        entity.setStatus(status);
        LOGGER.infof("Tenant status changed tenantId=%s status=%s", id, status);
        return changes.record(entity,
                status == TenantStatus.SUSPENDED ? Change.TENANT_SUSPENDED : Change.TENANT_REACTIVATED, null);
    }

    @Transactional
    public Tenant setQuotas(UUID id, Quotas quotas) {
        TenantEntity entity = lock(id);
        entity.setQuotas(quotas);
        LOGGER.infof("Tenant quotas changed tenantId=%s", id);
        return changes.record(entity, Change.QUOTA_CHANGED, null);
    }

    /** The tenant, locked for a change; see {@link TenantChangeRecorder}. */
    public TenantEntity lock(UUID id) {
        return tenants.findForUpdate(id).orElseThrow(() -> new TenantNotFoundException(id));
    }

    private void flushUnique(TenantEntity entity, String name) {
        try {
            tenants.persistAndFlush(entity);
        } catch (ConstraintViolationException e) {
            if (NAME_CONSTRAINT.equalsIgnoreCase(e.getConstraintName())) {
                throw new TenantNameTakenException(name);
            }
            throw e;
        }
    }
}
