package io.civitas.tenant.grpc;

import io.civitas.api.tenant.v1.KeyResolutionService;
import io.civitas.api.tenant.v1.ResolveKeyRequest;
import io.civitas.api.tenant.v1.ResolveKeyResponse;
import io.civitas.tenant.domain.ResolvedKey;
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
        return ResolveKeyResponse.newBuilder()
                .setTenantId(resolved.tenantId().toString())
                .setTenantName(resolved.tenantName())
                .setKeyId(resolved.keyId())
                .addAllAllowedModels(resolved.allowedModels())
                .addAllAllowedRegions(resolved.allowedRegions())
                .build();
    }
}
