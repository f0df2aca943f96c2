package io.civitas.billing.support;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;

import com.google.protobuf.InvalidProtocolBufferException;

import io.civitas.api.events.v1.AdminActionPerformed;
import io.civitas.api.events.v1.EventEnvelope;
import io.civitas.testsupport.KafkaTestClient;

/** Reads the audit topic the running billing-service publishes AdminActionPerformed events to, from the start. */
public final class AuditLog implements AutoCloseable {

    /** One record of the audit topic: its key, its exact bytes and the envelope they hold. */
    public record Entry(String key, byte[] value, EventEnvelope envelope) {

        public AdminActionPerformed action() {
            return envelope.getAdminActionPerformed();
        }
    }

    private final KafkaTestClient kafka = new KafkaTestClient();
    private final KafkaTestClient.TopicReader reader = kafka.reader(ConfigProvider.getConfig()
            .getOptionalValue("civitas.billing.audit.topic", String.class).orElse("civitas.audit.v1"));

    /** Polls once and returns every AdminActionPerformed read so far whose actor has {@code subject}. */
    public List<Entry> by(String subject) {
        return reader.poll().stream()
                .map(AuditLog::entry)
                .filter(entry -> entry.envelope().hasAdminActionPerformed())
                .filter(entry -> entry.action().getActorSubject().equals(subject))
                .toList();
    }

    private static Entry entry(ConsumerRecord<String, byte[]> record) {
        try {
            return new Entry(record.key(), record.value(), EventEnvelope.parseFrom(record.value()));
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError("not an EventEnvelope on the audit topic", e);
        }
    }

    @Override
    public void close() {
        reader.close();
        kafka.close();
    }
}
