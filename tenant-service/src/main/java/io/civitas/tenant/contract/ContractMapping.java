package io.civitas.tenant.contract;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import com.google.protobuf.Timestamp;

import io.civitas.api.events.v1.Quotas;
import io.civitas.api.events.v1.TenantSnapshot;
import io.civitas.api.tenant.v1.Entitlement;
import io.civitas.tenant.domain.KeyLimits;
import io.civitas.tenant.domain.Tenant;

/**
 * Domain values to their protobuf contract messages, shared by key resolution and the events.
 */
public final class ContractMapping {

    private ContractMapping() {
    }

    public static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }

    public static Quotas quotas(io.civitas.tenant.domain.Quotas quotas) {
        return Quotas.newBuilder()
                .setRequestsPerMinute(quotas.requestsPerMinute())
                .setTokensPerMinute(quotas.tokensPerMinute())
                .setMonthlyTokenBudget(quotas.monthlyTokenBudget())
                .setMonthlyCostBudget(quotas.monthlyCostBudget() == null ? ""
                        : quotas.monthlyCostBudget().toPlainString())
                .setMaxConcurrency(quotas.maxConcurrency())
                .build();
    }

    public static Quotas keyQuotas(KeyLimits limits) {
        return Quotas.newBuilder()
                .setRequestsPerMinute(limits.requestsPerMinute())
                .setTokensPerMinute(limits.tokensPerMinute())
                .setMaxConcurrency(limits.maxConcurrency())
                .build();
    }

    public static Entitlement entitlement(io.civitas.tenant.domain.Entitlement entitlement) {
        Entitlement.Builder builder = Entitlement.newBuilder()
                .setModel(entitlement.model())
                .setLicenceReference(entitlement.licenceReference())
                .setValidFrom(timestamp(entitlement.validFrom()))
                .setMonthlyTokenCap(entitlement.monthlyTokenCap());
        if (entitlement.validUntil() != null) {
            builder.setValidUntil(timestamp(entitlement.validUntil()));
        }
        return builder.build();
    }

    /** The tenant's full current state, as every TenantChanged event carries it. */
    public static TenantSnapshot snapshot(Tenant tenant, List<String> entitledModels) {
        return TenantSnapshot.newBuilder()
                .setTenantId(tenant.id().toString())
                .setName(tenant.name())
                .setStatus(tenant.status().name().toLowerCase(Locale.ROOT))
                .addAllAllowedRegions(tenant.allowedRegions())
                .setDataClassification(tenant.dataClassification())
                .setCostCentre(nullToEmpty(tenant.costCentre()))
                .setPriceBook(nullToEmpty(tenant.priceBook()))
                .setQuotas(quotas(tenant.quotas()))
                .addAllEntitledModels(entitledModels)
                .build();
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
