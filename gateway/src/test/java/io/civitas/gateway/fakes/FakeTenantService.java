package io.civitas.gateway.fakes;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.google.protobuf.Timestamp;

import io.civitas.api.events.v1.Quotas;
import io.civitas.api.tenant.v1.Entitlement;
import io.civitas.api.tenant.v1.KeyResolutionServiceGrpc;
import io.civitas.api.tenant.v1.ResolveKeyRequest;
import io.civitas.api.tenant.v1.ResolveKeyResponse;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;

/**
 * tenant-service's key resolution with a fixed set of keys. Presenting "revoke:KEY" revokes KEY (answered
 * UNAUTHENTICATED from then on) and is itself answered UNAUTHENTICATED, so a test can revoke through the gateway.
 */
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
    /** Tenant alpha, scope "inference" only. */
    public static final String INFERENCE_ONLY_KEY = "sk-civitas-alpha-inference-only";
    /** Tenant alpha, scope "embeddings" only. */
    public static final String EMBEDDINGS_ONLY_KEY = "sk-civitas-alpha-embeddings-only";
    /** Tenant alpha, no scopes at all (as an older tenant-service answers). */
    public static final String NO_SCOPES_KEY = "sk-civitas-alpha-no-scopes";
    /** Tenant alpha, a key that expired in 2020. */
    public static final String EXPIRED_KEY = "sk-civitas-alpha-expired";
    /** Tenant alpha, civitas-mini under an entitlement that ended in 2020. */
    public static final String LAPSED_ENTITLEMENT_KEY = "sk-civitas-alpha-lapsed-entitlement";
    /** Tenant delta: a plain key for revocation tests. */
    public static final String REVOCABLE_KEY = "sk-civitas-delta-revocable";
    /** Tenant rpm: this key alone may make 3 requests per minute. */
    public static final String KEY_RPM_3 = "sk-civitas-rpm-key-limited";
    /** Tenant shared-rpm (3 requests per minute for the tenant): first key. */
    public static final String TENANT_RPM_3_FIRST = "sk-civitas-shared-rpm-first";
    /** Tenant shared-rpm: second key. */
    public static final String TENANT_RPM_3_SECOND = "sk-civitas-shared-rpm-second";
    /** Tenant tpm: this key may use 10 tokens per minute. */
    public static final String KEY_TPM_10 = "sk-civitas-tpm-key-limited";
    /** Tenant conc: one request in flight at a time for the tenant. */
    public static final String TENANT_CONCURRENCY_1 = "sk-civitas-concurrency-one";
    /** Tenant iso-a: one request per minute, for isolation tests. */
    public static final String ISOLATED_A_KEY = "sk-civitas-iso-a-0123456789";
    /** Tenant iso-b: two requests per minute, for isolation tests. */
    public static final String ISOLATED_B_KEY = "sk-civitas-iso-b-0123456789";
    /** Tenant bench: generous rate limits and a concurrency cap, so that every limit is checked and none bites. */
    public static final String BENCH_KEY = "sk-civitas-bench-0123456789";
    /** Tenant gamma: for budget tests. */
    public static final String GAMMA_KEY = "sk-civitas-gamma-0123456789";

    private static final List<String> ALL_SCOPES = List.of("inference", "embeddings", "read-usage");
    private static final List<String> ALPHA_MODELS = List.of("civitas-echo", "civitas-mini");
    private static final List<String> HERE = List.of(FakeInferenceWorker.REGION);
    private static final String REVOKE = "revoke:";

    private static final Map<String, ResolveKeyResponse> KEYS = Map.ofEntries(
            Map.entry(ALPHA_KEY, grant("tenant-alpha", "key-alpha", ALPHA_MODELS, HERE).build()),
            Map.entry(BETA_KEY, grant("tenant-beta", "key-beta", List.of("civitas-echo"), List.of("us-east")).build()),
            Map.entry(FR_KEY, grant("tenant-fr", "key-fr", ALPHA_MODELS, List.of("fr")).build()),
            Map.entry(DE_KEY, grant("tenant-de", "key-de", ALPHA_MODELS, List.of("de")).build()),
            Map.entry(INFERENCE_ONLY_KEY, grant("tenant-alpha", "key-inference", ALPHA_MODELS, HERE)
                    .clearScopes().addScopes("inference").build()),
            Map.entry(EMBEDDINGS_ONLY_KEY, grant("tenant-alpha", "key-embeddings", ALPHA_MODELS, HERE)
                    .clearScopes().addScopes("embeddings").build()),
            Map.entry(NO_SCOPES_KEY, grant("tenant-alpha", "key-no-scopes", ALPHA_MODELS, HERE).clearScopes().build()),
            Map.entry(EXPIRED_KEY, grant("tenant-alpha", "key-expired", ALPHA_MODELS, HERE)
                    .setKeyExpiresAt(timestamp("2020-01-01T00:00:00Z")).build()),
            Map.entry(LAPSED_ENTITLEMENT_KEY, grant("tenant-alpha", "key-lapsed", ALPHA_MODELS, HERE)
                    .addEntitlements(Entitlement.newBuilder().setModel("civitas-mini")
                            .setValidFrom(timestamp("2019-01-01T00:00:00Z"))
                            .setValidUntil(timestamp("2020-01-01T00:00:00Z")))
                    .build()),
            Map.entry(REVOCABLE_KEY, grant("tenant-delta", "key-revocable", ALPHA_MODELS, HERE).build()),
            Map.entry(KEY_RPM_3, grant("tenant-rpm", "key-rpm", ALPHA_MODELS, HERE)
                    .setKeyQuotas(Quotas.newBuilder().setRequestsPerMinute(3)).build()),
            Map.entry(TENANT_RPM_3_FIRST, grant("tenant-shared-rpm", "key-shared-1", ALPHA_MODELS, HERE)
                    .setQuotas(Quotas.newBuilder().setRequestsPerMinute(3)).build()),
            Map.entry(TENANT_RPM_3_SECOND, grant("tenant-shared-rpm", "key-shared-2", ALPHA_MODELS, HERE)
                    .setQuotas(Quotas.newBuilder().setRequestsPerMinute(3)).build()),
            Map.entry(KEY_TPM_10, grant("tenant-tpm", "key-tpm", ALPHA_MODELS, HERE)
                    .setKeyQuotas(Quotas.newBuilder().setTokensPerMinute(10)).build()),
            Map.entry(TENANT_CONCURRENCY_1, grant("tenant-conc", "key-conc", ALPHA_MODELS, HERE)
                    .setQuotas(Quotas.newBuilder().setMaxConcurrency(1)).build()),
            Map.entry(ISOLATED_A_KEY, grant("tenant-iso-a", "key-iso-a", ALPHA_MODELS, HERE)
                    .setQuotas(Quotas.newBuilder().setRequestsPerMinute(1)).build()),
            Map.entry(ISOLATED_B_KEY, grant("tenant-iso-b", "key-iso-b", List.of("civitas-echo"), HERE)
                    .setQuotas(Quotas.newBuilder().setRequestsPerMinute(2)).build()),
            Map.entry(GAMMA_KEY, grant("tenant-gamma", "key-gamma", ALPHA_MODELS, HERE).build()),
            Map.entry(BENCH_KEY, grant("tenant-bench", "key-bench", ALPHA_MODELS, HERE)
                    .setQuotas(Quotas.newBuilder().setRequestsPerMinute(100_000_000).setTokensPerMinute(1_000_000_000)
                            .setMaxConcurrency(20_000))
                    .setKeyQuotas(Quotas.newBuilder().setRequestsPerMinute(100_000_000)
                            .setTokensPerMinute(1_000_000_000).setMaxConcurrency(20_000))
                    .build()));

    private final Set<String> revoked = ConcurrentHashMap.newKeySet();

    @Override
    public void resolveKey(ResolveKeyRequest request, StreamObserver<ResolveKeyResponse> response) {
        String key = request.getApiKey();
        if (KEY_WHILE_DOWN.equals(key)) {
            response.onError(Status.UNAVAILABLE.withDescription("down").asRuntimeException());
            return;
        }
        if (key.startsWith(REVOKE)) {
            revoked.add(key.substring(REVOKE.length()));
        }
        ResolveKeyResponse grant = revoked.contains(key) ? null : KEYS.get(key);
        if (grant == null) {
            response.onError(Status.UNAUTHENTICATED.asRuntimeException());
            return;
        }
        response.onNext(grant);
        response.onCompleted();
    }

    private static ResolveKeyResponse.Builder grant(String tenant, String keyId, List<String> models,
            List<String> regions) {
        return ResolveKeyResponse.newBuilder()
                .setTenantId(tenant)
                .setTenantName(tenant)
                .setKeyId(keyId)
                .addAllAllowedModels(models)
                .addAllAllowedRegions(regions)
                .addAllScopes(ALL_SCOPES);
    }

    private static Timestamp timestamp(String instant) {
        return Timestamp.newBuilder().setSeconds(Instant.parse(instant).getEpochSecond()).build();
    }
}
