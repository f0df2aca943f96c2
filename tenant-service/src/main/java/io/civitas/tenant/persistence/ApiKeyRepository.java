package io.civitas.tenant.persistence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.hibernate.jpa.HibernateHints;

import io.civitas.tenant.domain.ApiKey;
import io.civitas.tenant.domain.Page;
import io.civitas.tenant.domain.PageRequest;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Access to {@code api_key} rows.
 */
@ApplicationScoped
public class ApiKeyRepository implements PanacheRepositoryBase<ApiKeyEntity, String> {

    private static final Sort NEWEST_FIRST = Sort.descending("createdAt", "id");

    /** Keys of the tenant, newest first. */
    public Page<ApiKey> page(UUID tenantId, PageRequest request) {
        Parameters parameters = Parameters.with("tenantId", tenantId);
        String condition = "tenantId = :tenantId";
        if (request.after() != null) {
            condition += " and " + Keyset.AFTER;
            parameters.and("afterAt", request.after().createdAt()).and("afterId", request.after().id());
        }
        PanacheQuery<ApiKeyEntity> query = find(condition, NEWEST_FIRST, parameters);
        return Keyset.page(query, request, ApiKeyEntity::toApiKey, ApiKey::createdAt, ApiKey::id);
    }

    /** A key with its tenant and all the tenant's entitlements, as {@link #resolution(String)} reads them. */
    public record Resolution(ApiKeyEntity key, TenantEntity tenant, List<EntitlementEntity> entitlements) {
    }

    /**
     * The key, its tenant and the tenant's entitlements in one statement (one round trip to the database, read-only
     * entities, no transaction needed): the gateway's key resolution path.
     */
    public Optional<Resolution> resolution(String keyId) {
        List<Object[]> rows = getEntityManager().createQuery("select k, t, e from ApiKeyEntity k "
                + "join TenantEntity t on t.id = k.tenantId left join EntitlementEntity e on e.tenantId = t.id "
                + "where k.id = :id order by e.model", Object[].class)
                .setParameter("id", keyId)
                .setHint(HibernateHints.HINT_READ_ONLY, true)
                .getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        List<EntitlementEntity> entitlements = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            if (row[2] != null) {
                entitlements.add((EntitlementEntity) row[2]);
            }
        }
        return Optional.of(new Resolution((ApiKeyEntity) rows.getFirst()[0], (TenantEntity) rows.getFirst()[1],
                entitlements));
    }

    /** Sets coarse last-used times; never moves one back. */
    public void recordLastUse(Map<String, Instant> lastUse) {
        lastUse.forEach((keyId, at) -> update(
                "lastUsedAt = :at where id = :id and (lastUsedAt is null or lastUsedAt < :at)",
                Parameters.with("at", at).and("id", keyId)));
    }
}
