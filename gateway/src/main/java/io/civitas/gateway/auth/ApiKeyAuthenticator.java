package io.civitas.gateway.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.civitas.api.tenant.v1.MutinyKeyResolutionServiceGrpc.MutinyKeyResolutionServiceStub;
import io.civitas.api.tenant.v1.ResolveKeyRequest;
import io.civitas.gateway.config.GatewayConfig;
import io.civitas.gateway.error.AuthServiceUnavailableException;
import io.civitas.gateway.error.InsufficientScopeException;
import io.civitas.gateway.error.InvalidApiKeyException;
import io.grpc.Status;
import io.quarkus.grpc.GrpcClient;
import io.smallrye.mutiny.Uni;

/**
 * Turns an "Authorization: Bearer" header into a {@link TenantGrant} through tenant-service, with a short cache that
 * tenant changes invalidate ({@link #invalidateTenant(String)}); an expired key or a missing scope is refused.
 */
@ApplicationScoped
public class ApiKeyAuthenticator {

    private static final Logger LOGGER = Logger.getLogger(ApiKeyAuthenticator.class);
    private static final String BEARER = "bearer ";

    private final MutinyKeyResolutionServiceStub tenant;
    private final GrantCache cache;
    private final Clock clock;
    private final long timeoutMillis;

    public ApiKeyAuthenticator(@GrpcClient("tenant") MutinyKeyResolutionServiceStub tenant, GatewayConfig config) {
        this.tenant = tenant;
        this.clock = Clock.systemUTC();
        this.cache = new GrantCache(Duration.ofSeconds(config.auth().cacheTtlSeconds()), config.auth().cacheMaxSize(),
                clock);
        this.timeoutMillis = config.auth().resolveTimeoutMillis();
    }

    /** Resolves the header's key, which must hold at least one scope; see {@link #authenticate(String, Scope)}. */
    public Uni<TenantGrant> authenticate(String authorizationHeader) {
        return authenticate(authorizationHeader, EnumSet.allOf(Scope.class));
    }

    /**
     * Resolves the header's key, which must hold {@code required}. Fails with {@link InvalidApiKeyException} for a
     * missing, refused or expired key, with {@link InsufficientScopeException} for a key without the scope, and with
     * {@link AuthServiceUnavailableException} when tenant-service cannot answer.
     */
    public Uni<TenantGrant> authenticate(String authorizationHeader, Scope required) {
        return authenticate(authorizationHeader, EnumSet.of(required));
    }

    /**
     * The grant of the header's key when it is cached (checked as {@link #authenticate(String, Scope)} does), without
     * going through a Uni: the common case, answered on the caller's thread. Empty when tenant-service must be asked.
     */
    public Optional<TenantGrant> authenticateCached(String authorizationHeader, Scope required) {
        Optional<String> key = bearerKey(authorizationHeader);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        return cache.get(KeyDigest.of(key.get())).map(grant -> authorize(grant, EnumSet.of(required)));
    }

    /** Drops every cached resolution of the tenant: the next request of each of its keys asks tenant-service. */
    public void invalidateTenant(String tenantId) {
        cache.invalidateTenant(tenantId);
    }

    private Uni<TenantGrant> authenticate(String authorizationHeader, Set<Scope> anyOf) {
        return resolve(authorizationHeader).map(grant -> authorize(grant, anyOf));
    }

    private Uni<TenantGrant> resolve(String authorizationHeader) {
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
        long epoch = cache.epoch();
        return tenant.withDeadlineAfter(timeoutMillis, TimeUnit.MILLISECONDS)
                .resolveKey(ResolveKeyRequest.newBuilder().setApiKey(key.get()).build())
                .map(TenantGrant::from)
                .invoke(grant -> cache.put(digest, grant, epoch))
                .onFailure().transform(ApiKeyAuthenticator::classify);
    }

    /** Fails closed: a grant without scopes (an older tenant-service) may do nothing. */
    private TenantGrant authorize(TenantGrant grant, Set<Scope> anyOf) {
        if (grant.isExpiredAt(clock.instant())) {
            throw new InvalidApiKeyException("The API key has expired.");
        }
        if (anyOf.stream().noneMatch(grant::hasScope)) {
            throw new InsufficientScopeException(anyOf.stream().map(Scope::wireName).sorted().toList());
        }
        return grant;
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
