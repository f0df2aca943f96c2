package io.civitas.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.google.protobuf.Timestamp;

import io.civitas.api.events.v1.Quotas;
import io.civitas.api.tenant.v1.Entitlement;
import io.civitas.api.tenant.v1.ResolveKeyResponse;
import io.civitas.gateway.limits.Quota;

class TenantGrantTest {

    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

    @Test
    void shouldReadScopesQuotasAndExpiryFromTenantService() {
        // Given
        ResolveKeyResponse response = ResolveKeyResponse.newBuilder()
                .setTenantId("t").setKeyId("k")
                .addScopes("embeddings").addScopes("read-usage").addScopes("unknown-scope")
                .setQuotas(Quotas.newBuilder().setRequestsPerMinute(60).setTokensPerMinute(1000).setMaxConcurrency(4))
                .setKeyQuotas(Quotas.newBuilder().setRequestsPerMinute(6))
                .setKeyExpiresAt(Timestamp.newBuilder().setSeconds(NOW.getEpochSecond()))
                .build();

        // When
        TenantGrant grant = TenantGrant.from(response);

        // Then
        assertThat(grant.scopes()).containsExactly(Scope.EMBEDDINGS);
        assertThat(grant.tenantQuota()).isEqualTo(new Quota(60, 1000, 4));
        assertThat(grant.keyQuota()).isEqualTo(new Quota(6, 0, 0));
        assertThat(grant.isExpiredAt(NOW.minusSeconds(1))).isFalse();
        assertThat(grant.isExpiredAt(NOW)).isTrue();
    }

    @Test
    void shouldGrantNoScopeAndNoExpiryWhenTenantServiceSendsNone() {
        // When
        TenantGrant grant = TenantGrant.from(ResolveKeyResponse.newBuilder().setTenantId("t").setKeyId("k").build());

        // Then
        assertThat(grant.scopes()).isEmpty();
        assertThat(grant.isExpiredAt(Instant.parse("9999-12-31T00:00:00Z"))).isFalse();
        assertThat(grant.tenantQuota()).isEqualTo(Quota.UNLIMITED);
    }

    @Test
    void shouldAllowAModelOnlyWhileAnEntitlementIsInForce() {
        // Given
        TenantGrant grant = TenantGrant.from(ResolveKeyResponse.newBuilder().setTenantId("t").setKeyId("k")
                .addAllowedModels("m").addAllowedModels("open")
                .addEntitlements(Entitlement.newBuilder().setModel("m")
                        .setValidFrom(Timestamp.newBuilder().setSeconds(NOW.getEpochSecond()))
                        .setValidUntil(Timestamp.newBuilder().setSeconds(NOW.plusSeconds(60).getEpochSecond())))
                .build());

        // When / Then
        assertThat(grant.mayUseModel("m", NOW.minusSeconds(1))).isFalse();
        assertThat(grant.mayUseModel("m", NOW)).isTrue();
        assertThat(grant.mayUseModel("m", NOW.plusSeconds(60))).isFalse();
        assertThat(grant.mayUseModel("open", NOW)).isTrue();
        assertThat(grant.mayUseModel("unlisted", NOW)).isFalse();
    }
}
