package io.civitas.billing.pricing;

/** No price book with this id. */
public class PriceBookNotFoundException extends RuntimeException {

    public PriceBookNotFoundException(String message) {
        super(message);
    }
}
