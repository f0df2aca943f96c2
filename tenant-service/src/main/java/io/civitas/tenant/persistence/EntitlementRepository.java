package io.civitas.tenant.persistence;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Access to {@code entitlement} rows.
 */
@ApplicationScoped
public class EntitlementRepository implements PanacheRepositoryBase<EntitlementEntity, UUID> {

    public List<EntitlementEntity> listByTenant(UUID tenantId) {
        return list("tenantId", Sort.by("model"), tenantId);
    }

    public Optional<EntitlementEntity> findByTenantAndModel(UUID tenantId, String model) {
        return find("tenantId = ?1 and model = ?2", tenantId, model).firstResultOptional();
    }
}
