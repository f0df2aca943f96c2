package io.civitas.gateway.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.civitas.api.tenant.v1.MutinyKeyResolutionServiceGrpc.MutinyKeyResolutionServiceStub;
import io.civitas.api.tenant.v1.ResolveKeyRequest;
import io.civitas.gateway.config.GatewayConfig;
import io.civitas.gateway.error.AuthServiceUnavailableException;
import io.civitas.gateway.error.InvalidApiKeyException;
import io.grpc.Status;
import io.quarkus.grpc.GrpcClient;
import io.smallrye.mutiny.Uni;

/** Turns an "Authorization: Bearer" header into a {@link TenantGrant} through tenant-service, with a short cache. */
@ApplicationScoped
public class ApiKeyAuthenticator {

    private static final Logger LOGGER = Logger.getLogger(ApiKeyAuthenticator.class);
    private static final String BEARER = "bearer ";

    private final MutinyKeyResolutionServiceStub tenant;
    private final GrantCache cache;
    private final long timeoutMillis;

    public ApiKeyAuthenticator(@GrpcClient("tenant") MutinyKeyResolutionServiceStub tenant, GatewayConfig config) {
        this.tenant = tenant;
        this.cache = new GrantCache(Duration.ofSeconds(config.auth().cacheTtlSeconds()), config.auth().cacheMaxSize(),
                Clock.systemUTC());
        this.timeoutMillis = config.auth().resolveTimeoutMillis();
    }

    /**
     * Resolves the header's key. Fails with {@link InvalidApiKeyException} for a missing or refused key and with
     * {@link AuthServiceUnavailableException} when tenant-service cannot answer.
     */
    public Uni<TenantGrant> authenticate(String authorizationHeader) {
        Optional<String> key = bearerKey(authorizationHeader);
        if (key.isEmpty()) {
            return Uni.createFrom().failure(new InvalidApiKeyException(
                    "You didn't provide an API key. Provide it in the Authorization header (Bearer <key>)."));
        }
        KeyDigest digest = KeyDigest.of(key.get());
        Optional<TenantGrant> cached = cache.get(digest);
        if (cached.isPresent()) {
            return Uni.createFrom().item(cached.get());
        }
        return tenant.withDeadlineAfter(timeoutMillis, TimeUnit.MILLISECONDS)
                .resolveKey(ResolveKeyRequest.newBuilder().setApiKey(key.get()).build())
                .map(TenantGrant::from)
                .invoke(grant -> cache.put(digest, grant))
                .onFailure().transform(ApiKeyAuthenticator::classify);
    }

    private static Optional<String> bearerKey(String header) {
        if (header == null || header.length() <= BEARER.length()
                || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        String key = header.substring(BEARER.length()).strip();
        return key.isEmpty() ? Optional.empty() : Optional.of(key);
    }

    private static Throwable classify(Throwable failure) {
        Status status = Status.fromThrowable(failure);
        if (status.getCode() == Status.Code.UNAUTHENTICATED) {
            return new InvalidApiKeyException("Incorrect API key provided.");
        }
        LOGGER.warnf("tenant-service could not resolve a key: status=%s", status.getCode());
        return new AuthServiceUnavailableException("tenant-service: " + status.getCode());
    }
}
