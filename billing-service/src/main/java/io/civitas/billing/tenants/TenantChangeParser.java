package io.civitas.billing.tenants;

import java.math.BigDecimal;

import com.google.protobuf.InvalidProtocolBufferException;

import io.civitas.api.events.v1.EventEnvelope;
import io.civitas.api.events.v1.EventType;
import io.civitas.api.events.v1.TenantChanged;
import io.civitas.api.events.v1.TenantSnapshot;
import io.civitas.billing.kafka.InvalidEventException;

/** Turns a TenantChanged record into a {@link TenantRecord}, or refuses it with a reason. */
public final class TenantChangeParser {

    private TenantChangeParser() {
    }

    /**
     * @throws InvalidEventException when the bytes are not a usable TenantChanged envelope
     */
    public static TenantRecord parse(byte[] value) {
        EventEnvelope envelope;
        try {
            envelope = EventEnvelope.parseFrom(value == null ? new byte[0] : value);
        } catch (InvalidProtocolBufferException e) {
            throw new InvalidEventException("record value is not an EventEnvelope");
        }
        if (envelope.getPayloadCase() != EventEnvelope.PayloadCase.TENANT_CHANGED
                || envelope.getType() != EventType.EVENT_TYPE_TENANT_CHANGED) {
            throw new InvalidEventException("expected a tenant_changed payload, got " + envelope.getPayloadCase());
        }
        TenantChanged change = envelope.getTenantChanged();
        TenantSnapshot snapshot = change.getTenant();
        if (change.getTenantId().isBlank() || !change.hasTenant()
                || !snapshot.getTenantId().equals(change.getTenantId())) {
            throw new InvalidEventException("tenant_changed lacks a snapshot of its tenant");
        }
        try {
            return new TenantRecord(change.getTenantId(), change.getTenantVersion(), snapshot.getName(),
                    snapshot.getStatus(), snapshot.getCostCentre(), snapshot.getPriceBook(),
                    snapshot.getQuotas().getMonthlyTokenBudget(), costBudget(snapshot.getQuotas().getMonthlyCostBudget()));
        } catch (IllegalArgumentException e) {
            throw new InvalidEventException("invalid tenant snapshot: " + e.getMessage(), e);
        }
    }

    private static BigDecimal costBudget(String value) {
        if (value.isBlank()) {
            return null;
        }
        try {
            return new BigDecimal(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("monthly_cost_budget is not a decimal number");
        }
    }
}
