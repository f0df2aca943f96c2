package io.civitas.tenant.outbox;

import java.time.Instant;
import java.util.List;

import io.civitas.api.events.v1.EventEnvelope;
import io.civitas.api.events.v1.EventType;
import io.civitas.api.events.v1.TenantChanged;
import io.civitas.api.events.v1.TenantChanged.Change;
import io.civitas.tenant.contract.ContractMapping;
import io.civitas.tenant.domain.Entitlement;
import io.civitas.tenant.domain.Tenant;
import io.civitas.tenant.persistence.EntitlementEntity;
import io.civitas.tenant.persistence.EntitlementRepository;
import io.civitas.tenant.persistence.TenantEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

/**
 * The one place a change of a tenant (or of its keys, quotas, entitlements) is recorded: the tenant's version goes up
 * and a TenantChanged event with the full snapshot goes to the outbox, in the caller's transaction. Callers hold the
 * tenant's row lock ({@code TenantRepository.findForUpdate}), so versions and outbox order agree per tenant.
 */
@ApplicationScoped
public class TenantChangeRecorder {

    private final EntitlementRepository entitlements;
    private final OutboxWriter outbox;

    public TenantChangeRecorder(EntitlementRepository entitlements, OutboxWriter outbox) {
        this.entitlements = entitlements;
        this.outbox = outbox;
    }

    @Transactional(TxType.MANDATORY)
    public Tenant record(TenantEntity tenant, Change change, String keyId) {
        Instant now = Instant.now();
        tenant.changed(now);
        List<Entitlement> all = entitlements.listByTenant(tenant.getId()).stream()
                .map(EntitlementEntity::toEntitlement).toList();
        tenant.setLegacyAllowedModels(all.stream().filter(Entitlement::accepted).map(Entitlement::model).toList());
        Tenant state = tenant.toTenant();
        List<String> inForce = all.stream().filter(e -> e.inForceAt(now)).map(Entitlement::model).toList();
        TenantChanged.Builder event = TenantChanged.newBuilder()
                .setTenantId(state.id().toString())
                .setChange(change)
                .setKeyId(keyId == null ? "" : keyId)
                .setTenantVersion(state.version())
                .setTenant(ContractMapping.snapshot(state, inForce));
        outbox.append(Channel.TENANT_CHANGES, EventType.EVENT_TYPE_TENANT_CHANGED, state.id().toString(),
                EventEnvelope.newBuilder().setTenantChanged(event));
        return state;
    }
}
