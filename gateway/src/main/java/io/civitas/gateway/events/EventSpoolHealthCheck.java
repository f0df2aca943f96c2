package io.civitas.gateway.events;

import java.io.IOException;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Shows the event spool on /q/health/ready: its depth and size. A non-empty spool does not make the gateway unready
 * (requests are still billed, later); a spool that cannot be read does.
 */
@Readiness
@ApplicationScoped
public class EventSpoolHealthCheck implements HealthCheck {

    private final EventPublisher events;

    public EventSpoolHealthCheck(EventPublisher events) {
        this.events = events;
    }

    @Override
    public HealthCheckResponse call() {
        try {
            return HealthCheckResponse.named("event-spool").up()
                    .withData("depth", events.spoolDepth())
                    .withData("bytes", events.spoolBytes())
                    .build();
        } catch (IOException e) {
            return HealthCheckResponse.named("event-spool").down().withData("error", e.toString()).build();
        }
    }
}
