package io.civitas.tenant.persistence;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

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

    /** Sets coarse last-used times; never moves one back. */
    public void recordLastUse(Map<String, Instant> lastUse) {
        lastUse.forEach((keyId, at) -> update(
                "lastUsedAt = :at where id = :id and (lastUsedAt is null or lastUsedAt < :at)",
                Parameters.with("at", at).and("id", keyId)));
    }
}
