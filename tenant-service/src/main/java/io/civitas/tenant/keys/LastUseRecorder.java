package io.civitas.tenant.keys;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import io.civitas.tenant.config.TenantServiceConfig;
import io.civitas.tenant.persistence.ApiKeyRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Keeps a key's last-used time without slowing resolution: a resolution only notes the key id in memory (to the
 * minute); the notes are written in one batch every {@code civitas.tenant.keys.last-used-flush-seconds} and at
 * shutdown. A crash loses at most one interval of notes, which is acceptable for a coarse "last used".
 */
@ApplicationScoped
public class LastUseRecorder {

    private static final Logger LOGGER = Logger.getLogger(LastUseRecorder.class);

    private final ApiKeyRepository keys;
    private final long flushSeconds;
    private final Map<String, Instant> pending = new ConcurrentHashMap<>();
    private ScheduledExecutorService scheduler;

    public LastUseRecorder(ApiKeyRepository keys, TenantServiceConfig config) {
        this.keys = keys;
        this.flushSeconds = config.keys().lastUsedFlushSeconds();
    }

    void start(@Observes StartupEvent event) {
        scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("key-last-use").daemon()
                .factory());
        scheduler.scheduleWithFixedDelay(this::flushQuietly, flushSeconds, flushSeconds, TimeUnit.SECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        flushQuietly();
    }

    /** Notes that the key was used now. */
    public void used(String keyId) {
        pending.put(keyId, Instant.now().truncatedTo(ChronoUnit.MINUTES));
    }

    /** Writes the notes taken so far. */
    public void flush() {
        Map<String, Instant> batch = new HashMap<>();
        for (String keyId : pending.keySet()) {
            Instant at = pending.remove(keyId);
            if (at != null) {
                batch.put(keyId, at);
            }
        }
        if (!batch.isEmpty()) {
            QuarkusTransaction.requiringNew().run(() -> keys.recordLastUse(batch));
        }
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            LOGGER.warn("Could not record the last use of API keys", e);
        }
    }
}
