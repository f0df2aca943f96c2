package io.civitas.gateway.changes;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.civitas.api.events.v1.EventEnvelope;
import io.civitas.api.events.v1.TenantChanged;
import io.civitas.gateway.auth.ApiKeyAuthenticator;
import io.civitas.gateway.config.GatewayConfig;
import io.civitas.gateway.feeds.EnvelopeReader;
import io.civitas.gateway.feeds.FeedConsumers;
import io.civitas.gateway.feeds.TopicFeed;
import io.quarkus.runtime.Startup;

/**
 * Follows TenantChanged events (every partition, from the end at start-up, on every replica) and drops every cached
 * key resolution of the tenant concerned, whatever changed: a revoked key, a suspension, new quotas or entitlements.
 */
@Startup
@ApplicationScoped
public class TenantChangesListener {

    private static final Logger LOGGER = Logger.getLogger(TenantChangesListener.class);

    private final ApiKeyAuthenticator authenticator;
    private final TopicFeed feed;

    public TenantChangesListener(ApiKeyAuthenticator authenticator, FeedConsumers consumers, GatewayConfig config) {
        this.authenticator = authenticator;
        this.feed = new TopicFeed(consumers.create("tenant-changes"), config.tenantChanges().topic(),
                TopicFeed.Start.LATEST, EnvelopeReader.reading(this::changed)).start();
    }

    /** True once the listener reads every partition: changes published from now on will be applied. */
    public boolean isFollowing() {
        return feed.isAssigned();
    }

    void changed(EventEnvelope envelope) {
        if (!envelope.hasTenantChanged()) {
            return;
        }
        TenantChanged change = envelope.getTenantChanged();
        String tenantId = change.getTenantId().isEmpty() ? envelope.getTenantId() : change.getTenantId();
        authenticator.invalidateTenant(tenantId);
        LOGGER.debugf("Dropped cached keys: tenant=%s change=%s key_id=%s", tenantId, change.getChange(),
                change.getKeyId());
    }

    @PreDestroy
    void stop() {
        feed.close();
    }
}
