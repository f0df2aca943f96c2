package io.civitas.tenant.persistence;

import java.util.Optional;
import java.util.UUID;

import io.civitas.tenant.domain.Page;
import io.civitas.tenant.domain.PageRequest;
import io.civitas.tenant.domain.Tenant;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

/**
 * Access to {@code tenant} rows.
 */
@ApplicationScoped
public class TenantRepository implements PanacheRepositoryBase<TenantEntity, UUID> {

    private static final Sort NEWEST_FIRST = Sort.descending("createdAt", "id");

    public boolean existsByName(String name) {
        return count("name", name) > 0;
    }

    /** The tenant, locked until the end of the transaction: changes of one tenant are serialised. */
    public Optional<TenantEntity> findForUpdate(UUID id) {
        return findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /** Tenants, newest first. */
    public Page<Tenant> page(PageRequest request) {
        PanacheQuery<TenantEntity> query = request.after() == null
                ? findAll(NEWEST_FIRST)
                : find(Keyset.AFTER, NEWEST_FIRST, Parameters.with("afterAt", request.after().createdAt())
                        .and("afterId", request.after().id()));
        return Keyset.page(query, request, TenantEntity::toTenant, Tenant::createdAt, t -> t.id().toString());
    }
}
