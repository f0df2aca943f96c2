package io.civitas.billing.pricing;

/** A price book with this id exists. */
public class PriceBookExistsException extends RuntimeException {

    public PriceBookExistsException(String message) {
        super(message);
    }
}
