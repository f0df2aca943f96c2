package io.civitas.worker.engine;

import java.util.List;

/**
 * Turns generated token ids into text deltas: bytes to UTF-8 without splitting a character, the chat reply's
 * leading space dropped (SentencePiece marks word starts with a space), and the text cut before a stop string.
 * The deltas concatenate to exactly the completion text.
 */
final class CompletionText {

    private final Detokenizer detokenizer;
    private final Utf8Stream utf8 = new Utf8Stream();
    private final StopStringFilter stops;
    private boolean stripLeadingSpace;

    CompletionText(Detokenizer detokenizer, List<String> stops, boolean stripLeadingSpace) {
        this.detokenizer = detokenizer;
        this.stops = new StopStringFilter(stops);
        this.stripLeadingSpace = stripLeadingSpace;
    }

    /** The text released by one more token (possibly empty). */
    String accept(int tokenId) {
        return release(utf8.append(detokenizer.bytes(tokenId)));
    }

    /** Whether a stop string ended the completion. */
    boolean stopped() {
        return stops.stopped();
    }

    /** The text still held back, released at the end of the completion. */
    String finish() {
        String tail = release(utf8.flush());
        return stops.stopped() ? tail : tail + stops.flush();
    }

    private String release(String text) {
        String t = text;
        if (stripLeadingSpace && !t.isEmpty()) {
            stripLeadingSpace = false;
            if (t.charAt(0) == ' ') {
                t = t.substring(1);
            }
        }
        return stops.offer(t);
    }
}
