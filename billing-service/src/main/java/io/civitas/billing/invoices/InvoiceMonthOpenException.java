package io.civitas.billing.invoices;

/** The month has not ended, so its invoice cannot be finalised. */
public class InvoiceMonthOpenException extends RuntimeException {

    public InvoiceMonthOpenException(String message) {
        super(message);
    }
}
