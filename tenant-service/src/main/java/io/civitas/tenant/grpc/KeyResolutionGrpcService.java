package io.civitas.tenant.grpc;

import io.civitas.api.tenant.v1.KeyResolutionService;
import io.civitas.api.tenant.v1.ResolveKeyRequest;
import io.civitas.api.tenant.v1.ResolveKeyResponse;
import io.civitas.tenant.contract.ContractMapping;
import io.civitas.tenant.domain.ApiKey;
import io.civitas.tenant.domain.Entitlement;
import io.civitas.tenant.domain.ResolvedKey;
import io.civitas.tenant.domain.Tenant;
import io.civitas.tenant.keys.ApiKeyService;
import io.quarkus.grpc.GrpcService;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;

/**
 * {@code civitas.tenant.v1.KeyResolutionService} for the gateway. Runs on a worker thread (database access);
 * failures become gRPC statuses in {@link GrpcExceptionMapper}.
 */
@GrpcService
public class KeyResolutionGrpcService implements KeyResolutionService {

    private final ApiKeyService keys;

    public KeyResolutionGrpcService(ApiKeyService keys) {
        this.keys = keys;
    }

    @Override
    @Blocking
    public Uni<ResolveKeyResponse> resolveKey(ResolveKeyRequest request) {
        return Uni.createFrom().item(() -> toResponse(keys.resolve(request.getApiKey())));
    }

    private static ResolveKeyResponse toResponse(ResolvedKey resolved) {
        Tenant tenant = resolved.tenant();
        ApiKey key = resolved.key();
        ResolveKeyResponse.Builder response = ResolveKeyResponse.newBuilder()
                .setTenantId(tenant.id().toString())
                .setTenantName(tenant.name())
                .setKeyId(key.id())
                .addAllAllowedModels(resolved.entitlementsInForce().stream().map(Entitlement::model).toList())
                .addAllAllowedRegions(tenant.allowedRegions())
                .addAllScopes(key.scopes())
                .setQuotas(ContractMapping.quotas(tenant.quotas()))
                .addAllEntitlements(resolved.entitlementsInForce().stream().map(ContractMapping::entitlement)
                        .toList())
                .setDataClassification(tenant.dataClassification())
                .setTenantVersion(tenant.version())
                .setKeyQuotas(ContractMapping.keyQuotas(key.limits()));
        if (key.expiresAt() != null) {
            response.setKeyExpiresAt(ContractMapping.timestamp(key.expiresAt()));
        }
        return response.build();
    }
}
