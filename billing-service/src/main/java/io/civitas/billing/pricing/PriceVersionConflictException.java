package io.civitas.billing.pricing;

/** A price version must start after the latest one. */
public class PriceVersionConflictException extends RuntimeException {

    public PriceVersionConflictException(String message) {
        super(message);
    }
}
