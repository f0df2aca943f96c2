package io.civitas.billing.invoices;

/** The invoice is finalised and cannot change. */
public class InvoiceFinalisedException extends RuntimeException {

    public InvoiceFinalisedException(String message) {
        super(message);
    }
}
