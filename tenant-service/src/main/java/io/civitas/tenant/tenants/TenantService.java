package io.civitas.tenant.tenants;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.hibernate.exception.ConstraintViolationException;
import org.jboss.logging.Logger;

import io.civitas.tenant.domain.NewTenant;
import io.civitas.tenant.domain.Tenant;
import io.civitas.tenant.domain.TenantNameTakenException;
import io.civitas.tenant.domain.TenantNotFoundException;
import io.civitas.tenant.domain.TenantStatus;
import io.civitas.tenant.persistence.TenantEntity;
import io.civitas.tenant.persistence.TenantRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Creating and reading tenants.
 */
@ApplicationScoped
public class TenantService {

    private static final Logger LOGGER = Logger.getLogger(TenantService.class);
    private static final String NAME_CONSTRAINT = "tenant_name_uk";

    private final TenantRepository tenants;

    public TenantService(TenantRepository tenants) {
        this.tenants = tenants;
    }

    @Transactional
    public Tenant create(NewTenant request) {
        if (tenants.existsByName(request.name())) {
            throw new TenantNameTakenException(request.name());
        }
        TenantEntity entity = new TenantEntity(UUID.randomUUID(), request.name(), request.allowedModels(),
                request.allowedRegions(), TenantStatus.ACTIVE, Instant.now().truncatedTo(ChronoUnit.MICROS));
        try {
            tenants.persistAndFlush(entity);
        } catch (ConstraintViolationException e) {
            if (NAME_CONSTRAINT.equalsIgnoreCase(e.getConstraintName())) {
                throw new TenantNameTakenException(request.name());
            }
            throw e;
        }
        LOGGER.infof("Tenant created tenantId=%s", entity.getId());
        return entity.toTenant();
    }

    @Transactional
    public Tenant get(UUID id) {
        return tenants.findByIdOptional(id).map(TenantEntity::toTenant)
                .orElseThrow(() -> new TenantNotFoundException(id));
    }

    @Transactional
    public List<Tenant> list() {
        return tenants.listByCreation().stream().map(TenantEntity::toTenant).toList();
    }

    @Transactional
    public Tenant changeStatus(UUID id, TenantStatus status) {
        TenantEntity entity = tenants.findByIdOptional(id).orElseThrow(() -> new TenantNotFoundException(id));
        entity.setStatus(status);
        LOGGER.infof("Tenant status changed tenantId=%s status=%s", id, status);
        return entity.toTenant();
    }
}
