package io.civitas.billing.support;

import org.eclipse.microprofile.config.ConfigProvider;

import io.civitas.api.events.v1.EventEnvelope;
import io.civitas.testsupport.KafkaTestClient;

/** Sends usage and tenant events to the topics the running billing-service consumes. */
public final class Events implements AutoCloseable {

    private final KafkaTestClient kafka = new KafkaTestClient();

    public void usage(EventEnvelope... events) throws Exception {
        for (EventEnvelope event : events) {
            kafka.send(topic("civitas.billing.usage.topic", "civitas.usage.v1"), event.getTenantId(),
                    event.toByteArray());
        }
    }

    public void tenant(EventEnvelope event) throws Exception {
        kafka.send(topic("civitas.billing.tenants.topic", "civitas.tenant-changes.v1"), event.getTenantId(),
                event.toByteArray());
    }

    public KafkaTestClient kafka() {
        return kafka;
    }

    private static String topic(String property, String fallback) {
        return ConfigProvider.getConfig().getOptionalValue(property, String.class).orElse(fallback);
    }

    @Override
    public void close() {
        kafka.close();
    }
}
