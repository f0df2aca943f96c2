package io.civitas.worker.engine;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

/**
 * Whether a generation's caller went away (or the worker stops): engines that loop poll it, engines that wait on I/O
 * register an action that aborts the wait. Actions run once, on the thread that cancels.
 */
public final class Cancellation implements BooleanSupplier {

    private final List<Runnable> actions = new CopyOnWriteArrayList<>();
    private volatile boolean cancelled;

    /** Cancels; runs the registered actions the first time. */
    public void cancel() {
        synchronized (this) {
            if (cancelled) {
                return;
            }
            cancelled = true;
        }
        actions.forEach(Runnable::run);
    }

    /** Runs {@code action} on cancellation, at once when already cancelled. */
    public void onCancel(Runnable action) {
        synchronized (this) {
            if (!cancelled) {
                actions.add(action);
                return;
            }
        }
        action.run();
    }

    @Override
    public boolean getAsBoolean() {
        return cancelled;
    }
}
