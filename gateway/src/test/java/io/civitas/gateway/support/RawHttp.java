package io.civitas.gateway.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import io.restassured.RestAssured;

/** HTTP/1.1 over a plain socket, for requests no client library sends: an unfinished or oversized body. */
public final class RawHttp {

    private static final int READ_TIMEOUT_MILLIS = 15_000;

    /** A response as read off the wire; header names are lower case. */
    public record Reply(int status, Map<String, String> headers, String body) {
    }

    private RawHttp() {
    }

    /** Writes the request head and the given body bytes (maybe not all the head announces), then reads one reply. */
    public static Reply send(String head, byte[] bodyPart) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), RestAssured.port)) {
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(bodyPart);
            out.flush();
            return read(socket.getInputStream());
        }
    }

    /** Opens a connection and writes the request head and body without reading; the caller closes the socket. */
    public static Socket open(String head, byte[] body) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), RestAssured.port);
        OutputStream out = socket.getOutputStream();
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
        return socket;
    }

    /** The bytes of a chunked body of {@code chunks} chunks of {@code size} bytes, without the last (empty) chunk. */
    public static byte[] chunks(int chunks, int size) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] data = "x".repeat(size).getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < chunks; i++) {
            body.writeBytes((Integer.toHexString(size) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            body.writeBytes(data);
            body.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        return body.toByteArray();
    }

    private static Reply read(InputStream in) throws IOException {
        String statusLine = line(in);
        Map<String, String> headers = new HashMap<>();
        for (String line = line(in); !line.isEmpty(); line = line(in)) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
        return new Reply(Integer.parseInt(statusLine.split(" ")[1]), headers, body);
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("The connection closed mid-line: " + line);
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }
}
