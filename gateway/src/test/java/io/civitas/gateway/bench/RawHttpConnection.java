package io.civitas.gateway.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A minimal HTTP/1.1 keep-alive client on one blocking socket (as wrk is), so that the load generator spends little
 * of the machine's two cores beside the gateway it measures. Requests are prebuilt bytes; answers must carry a
 * Content-Length, except streams, which are read up to a marker.
 */
final class RawHttpConnection implements AutoCloseable {

    /** What the benchmark needs of an answer. */
    record Answer(int status, String overheadHeader) {
    }

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private final String overheadHeader;

    RawHttpConnection(int port, String overheadHeader) throws IOException {
        this.socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setTcpNoDelay(true);
        this.out = socket.getOutputStream();
        this.in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
        this.overheadHeader = overheadHeader.toLowerCase(Locale.ROOT) + ":";
    }

    /** A POST with a JSON body and a bearer key, as bytes to send as they are. */
    static byte[] post(int port, String path, String apiKey, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String head = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAuthorization: Bearer " + apiKey
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
        byte[] request = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, request, 0, headBytes.length);
        System.arraycopy(body, 0, request, headBytes.length, body.length);
        return request;
    }

    /** Sends the request and reads the whole answer (which must state its length). */
    Answer exchange(byte[] request) throws IOException {
        out.write(request);
        out.flush();
        int status = statusLine();
        long length = -1;
        String overhead = null;
        for (String line = line(); !line.isEmpty(); line = line()) {
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(line.substring(15).strip());
            } else if (lower.startsWith(overheadHeader)) {
                overhead = line.substring(overheadHeader.length()).strip();
            }
        }
        if (length < 0) {
            throw new IOException("The answer (HTTP " + status + ") has no Content-Length");
        }
        skip(length);
        return new Answer(status, overhead);
    }

    /** Sends the request and reads until {@code marker} has arrived (e.g. a stream's first event); the rest stays. */
    int sendAndAwait(byte[] request, String marker) throws IOException {
        out.write(request);
        out.flush();
        int status = statusLine();
        byte[] wanted = marker.getBytes(StandardCharsets.UTF_8);
        int matched = 0;
        while (matched < wanted.length) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("Closed before " + marker);
            }
            matched = b == wanted[matched] ? matched + 1 : (b == wanted[0] ? 1 : 0);
        }
        return status;
    }

    private int statusLine() throws IOException {
        String line = line();
        if (!line.startsWith("HTTP/1.1 ")) {
            throw new IOException("Not an HTTP/1.1 answer: " + line);
        }
        return Integer.parseInt(line.substring(9, 12));
    }

    private String line() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        int previous = -1;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("Connection closed");
            }
            if (previous == '\r' && b == '\n') {
                byte[] raw = bytes.toByteArray();
                return new String(raw, 0, raw.length - 1, StandardCharsets.ISO_8859_1);
            }
            bytes.write(b);
            previous = b;
        }
    }

    private void skip(long length) throws IOException {
        long left = length;
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new EOFException("Body shorter than its Content-Length");
                }
                skipped = 1;
            }
            left -= skipped;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
