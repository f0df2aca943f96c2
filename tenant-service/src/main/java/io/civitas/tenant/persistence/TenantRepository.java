package io.civitas.tenant.persistence;

import java.util.List;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Access to {@code tenant} rows.
 */
@ApplicationScoped
public class TenantRepository implements PanacheRepositoryBase<TenantEntity, UUID> {

    public boolean existsByName(String name) {
        return count("name", name) > 0;
    }

    public List<TenantEntity> listByCreation() {
        return listAll(Sort.by("createdAt").and("name"));
    }
}
