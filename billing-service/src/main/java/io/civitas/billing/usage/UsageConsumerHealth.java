package io.civitas.billing.usage;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready while the usage consumer runs and its last batch reached the ledger. */
@Readiness
@ApplicationScoped
public class UsageConsumerHealth implements HealthCheck {

    private final UsageConsumer consumer;

    public UsageConsumerHealth(UsageConsumer consumer) {
        this.consumer = consumer;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("Billing usage consumer").status(consumer.healthy()).build();
    }
}
