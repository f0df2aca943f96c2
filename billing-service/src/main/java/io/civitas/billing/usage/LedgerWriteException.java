package io.civitas.billing.usage;

/** The usage ledger could not be written. */
public class LedgerWriteException extends RuntimeException {

    public LedgerWriteException(String message, Throwable cause) {
        super(message, cause);
    }
}
