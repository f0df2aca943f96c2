package io.civitas.audit.verifier.bundle;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/** Reads a stream as lines of raw bytes (split on '\n'), so that what is hashed is exactly what was written. */
public final class LineSplitter {

    /** Longest line accepted. */
    public static final int MAX_LINE = 16 * 1024 * 1024;

    private final InputStream in;
    private final byte[] buffer = new byte[1 << 16];
    private int position;
    private int limit;
    private byte[] line = new byte[4096];
    private int length;
    private boolean endsWithNewline = true;

    public LineSplitter(InputStream in) {
        this.in = in;
    }

    /** Reads the next line into {@link #bytes()}; false at the end of the stream. */
    public boolean next() throws IOException {
        length = 0;
        boolean any = false;
        while (true) {
            if (position == limit) {
                limit = in.read(buffer);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    if (any) {
                        endsWithNewline = false;
                    }
                    return any;
                }
            }
            any = true;
            int start = position;
            while (position < limit && buffer[position] != '\n') {
                position++;
            }
            append(start, position - start);
            if (position < limit) {
                position++;
                return true;
            }
        }
    }

    /** The current line's bytes, without the newline, in [0, {@link #length()}). */
    public byte[] bytes() {
        return line;
    }

    /** Length of the current line. */
    public int length() {
        return length;
    }

    /** False when the last line read was not terminated by a newline. */
    public boolean endsWithNewline() {
        return endsWithNewline;
    }

    private void append(int start, int count) throws IOException {
        if (length + count > MAX_LINE) {
            throw new IOException("line longer than " + MAX_LINE + " bytes");
        }
        if (length + count > line.length) {
            line = Arrays.copyOf(line, Math.max(line.length * 2, length + count));
        }
        System.arraycopy(buffer, start, line, length, count);
        length += count;
    }
}
