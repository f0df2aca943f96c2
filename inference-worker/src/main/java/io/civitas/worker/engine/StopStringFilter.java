package io.civitas.worker.engine;

import java.util.List;

/**
 * Cuts the completion before the first stop string. Text that could still turn out to be the start of a stop
 * string is held back until it is decided, so nothing of a stop string is ever released.
 */
final class StopStringFilter {

    private final List<String> stops;
    private final StringBuilder pending = new StringBuilder();
    private boolean stopped;

    StopStringFilter(List<String> stops) {
        this.stops = List.copyOf(stops);
    }

    /** Adds text and returns the part that is safe to release. */
    String offer(String text) {
        if (stopped) {
            return "";
        }
        pending.append(text);
        int cut = -1;
        for (String stop : stops) {
            int at = pending.indexOf(stop);
            if (at >= 0 && (cut < 0 || at < cut)) {
                cut = at;
            }
        }
        if (cut >= 0) {
            stopped = true;
            String released = pending.substring(0, cut);
            pending.setLength(0);
            return released;
        }
        int release = pending.length() - heldBack();
        String released = pending.substring(0, release);
        pending.delete(0, release);
        return released;
    }

    /** Whether a stop string has matched. */
    boolean stopped() {
        return stopped;
    }

    /** Releases what is held back (the completion ended without a stop string). */
    String flush() {
        String rest = pending.toString();
        pending.setLength(0);
        return rest;
    }

    private int heldBack() {
        String text = pending.toString();
        int longest = 0;
        for (String stop : stops) {
            for (int k = Math.min(stop.length() - 1, text.length()); k > longest; k--) {
                if (text.regionMatches(text.length() - k, stop, 0, k)) {
                    longest = k;
                    break;
                }
            }
        }
        return longest;
    }
}
