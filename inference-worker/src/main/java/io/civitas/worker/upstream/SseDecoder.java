package io.civitas.worker.upstream;

import java.util.Optional;

/**
 * Decodes Server-Sent Events line by line (lines without their "\n"; a trailing "\r" is dropped): "data:" lines are
 * joined with "\n" (one optional space after the colon is dropped), a blank line ends the event, comment lines
 * (":") and other fields (event, id, retry) are ignored.
 */
final class SseDecoder {

    private final StringBuilder data = new StringBuilder();
    private boolean hasData;

    /** Feeds one line; returns the event's data when the line ends an event that had data. */
    Optional<String> line(String raw) {
        String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
        if (line.isEmpty()) {
            if (!hasData) {
                return Optional.empty();
            }
            String event = data.toString();
            data.setLength(0);
            hasData = false;
            return Optional.of(event);
        }
        if (line.startsWith("data:")) {
            String value = line.substring(5);
            if (hasData) {
                data.append('\n');
            }
            data.append(value.startsWith(" ") ? value.substring(1) : value);
            hasData = true;
        }
        return Optional.empty();
    }
}
