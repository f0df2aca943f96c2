package io.civitas.gateway.auth;

import java.time.Instant;
import java.util.Objects;

import com.google.protobuf.Timestamp;

import io.civitas.api.tenant.v1.Entitlement;

/** When a tenant may use a model: from {@code validFrom} (inclusive) until {@code validUntil} (exclusive). */
public record ModelEntitlement(String model, Instant validFrom, Instant validUntil) {

    public ModelEntitlement {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(validFrom, "validFrom");
        Objects.requireNonNull(validUntil, "validUntil");
    }

    /** Reads the contract's entitlement; unset bounds are open. */
    public static ModelEntitlement from(Entitlement entitlement) {
        return new ModelEntitlement(entitlement.getModel(),
                entitlement.hasValidFrom() ? instant(entitlement.getValidFrom()) : Instant.MIN,
                entitlement.hasValidUntil() ? instant(entitlement.getValidUntil()) : Instant.MAX);
    }

    public boolean inForceAt(Instant now) {
        return !now.isBefore(validFrom) && now.isBefore(validUntil);
    }

    static Instant instant(Timestamp timestamp) {
        return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
    }
}
