package io.civitas.billing.outbox;

import jakarta.enterprise.context.ApplicationScoped;

/** Wakes the outbox publisher when a transaction that wrote to the outbox has committed. */
@ApplicationScoped
public class OutboxSignal {

    private boolean raised;

    public synchronized void raise() {
        raised = true;
        notifyAll();
    }

    /** Waits until raised or {@code timeoutMs} passed, and clears the signal. */
    public synchronized void await(long timeoutMs) throws InterruptedException {
        if (!raised) {
            wait(timeoutMs);
        }
        raised = false;
    }
}
