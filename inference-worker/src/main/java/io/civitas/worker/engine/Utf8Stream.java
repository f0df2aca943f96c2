package io.civitas.worker.engine;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Decodes a byte stream into text piece by piece, holding back a trailing, still incomplete UTF-8 sequence so that
 * no piece ever ends inside a multi-byte character. Invalid bytes become U+FFFD, as in a one-shot decode.
 */
final class Utf8Stream {

    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    /** Adds bytes and returns the text that is now complete (possibly empty). */
    String append(byte[] bytes) {
        pending.writeBytes(bytes);
        byte[] all = pending.toByteArray();
        int complete = all.length - incompleteTail(all);
        pending.reset();
        pending.write(all, complete, all.length - complete);
        return new String(Arrays.copyOf(all, complete), StandardCharsets.UTF_8);
    }

    /** Returns whatever is held back, decoding an unfinished sequence as U+FFFD. */
    String flush() {
        String rest = pending.toString(StandardCharsets.UTF_8);
        pending.reset();
        return rest;
    }

    /** Length of a trailing lead byte plus continuation bytes that still wait for more continuation bytes. */
    static int incompleteTail(byte[] bytes) {
        for (int k = 1; k <= Math.min(3, bytes.length); k++) {
            int b = bytes[bytes.length - k] & 0xFF;
            if ((b & 0xC0) == 0x80) {
                continue;
            }
            return sequenceLength(b) > k ? k : 0;
        }
        return 0;
    }

    private static int sequenceLength(int lead) {
        if (lead >= 0xF0 && lead <= 0xF4) {
            return 4;
        }
        if (lead >= 0xE0 && lead <= 0xEF) {
            return 3;
        }
        if (lead >= 0xC2 && lead <= 0xDF) {
            return 2;
        }
        return 1;
    }
}
