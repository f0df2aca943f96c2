package io.civitas.gateway.fakes;

import java.util.List;
import java.util.Map;

import io.civitas.api.tenant.v1.KeyResolutionServiceGrpc;
import io.civitas.api.tenant.v1.ResolveKeyRequest;
import io.civitas.api.tenant.v1.ResolveKeyResponse;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;

/** tenant-service's key resolution with a fixed set of keys. */
public class FakeTenantService extends KeyResolutionServiceGrpc.KeyResolutionServiceImplBase {

    /** Tenant alpha: may use civitas-echo and civitas-mini, in the worker's region. */
    public static final String ALPHA_KEY = "sk-civitas-alpha-0123456789";
    /** Tenant beta: may use civitas-echo, but only in us-east. */
    public static final String BETA_KEY = "sk-civitas-beta-0123456789";
    /** Tenant fr: may use civitas-echo and civitas-mini, only in region fr. */
    public static final String FR_KEY = "sk-civitas-fr-0123456789";
    /** Tenant de: may use civitas-echo and civitas-mini, only in region de. */
    public static final String DE_KEY = "sk-civitas-de-0123456789";
    /** A key for which tenant-service answers UNAVAILABLE, as when it cannot be reached. */
    public static final String KEY_WHILE_DOWN = "sk-civitas-tenant-service-down";

    private static final Map<String, ResolveKeyResponse> KEYS = Map.of(
            ALPHA_KEY, grant("tenant-alpha", "key-alpha", List.of("civitas-echo", "civitas-mini"),
                    List.of(FakeInferenceWorker.REGION)),
            BETA_KEY, grant("tenant-beta", "key-beta", List.of("civitas-echo"), List.of("us-east")),
            FR_KEY, grant("tenant-fr", "key-fr", List.of("civitas-echo", "civitas-mini"), List.of("fr")),
            DE_KEY, grant("tenant-de", "key-de", List.of("civitas-echo", "civitas-mini"), List.of("de")));

    @Override
    public void resolveKey(ResolveKeyRequest request, StreamObserver<ResolveKeyResponse> response) {
        if (KEY_WHILE_DOWN.equals(request.getApiKey())) {
            response.onError(Status.UNAVAILABLE.withDescription("down").asRuntimeException());
            return;
        }
        ResolveKeyResponse grant = KEYS.get(request.getApiKey());
        if (grant == null) {
            response.onError(Status.UNAUTHENTICATED.asRuntimeException());
            return;
        }
        response.onNext(grant);
        response.onCompleted();
    }

    private static ResolveKeyResponse grant(String tenant, String keyId, List<String> models, List<String> regions) {
        return ResolveKeyResponse.newBuilder()
                .setTenantId(tenant)
                .setTenantName(tenant)
                .setKeyId(keyId)
                .addAllAllowedModels(models)
                .addAllAllowedRegions(regions)
                .build();
    }
}
