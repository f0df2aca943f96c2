package io.civitas.gateway.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import io.restassured.RestAssured;

/** A streaming chat request held open after its first event (the fake worker's "hang"), until closed. */
public final class HeldStream implements AutoCloseable {

    private static final int READ_TIMEOUT_MILLIS = 15_000;

    private final Socket socket;

    private HeldStream(Socket socket) {
        this.socket = socket;
    }

    /** Sends the request and returns once its first Server-Sent Event arrived: the request is in flight. */
    public static HeldStream open(String apiKey) throws IOException {
        byte[] body = Chat.body("civitas-echo", "hang", "\"stream\":true").getBytes(StandardCharsets.UTF_8);
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), RestAssured.port);
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        OutputStream out = socket.getOutputStream();
        out.write(("POST " + Chat.COMPLETIONS + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + apiKey
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.startsWith("data: ")) {
                return new HeldStream(socket);
            }
        }
        socket.close();
        throw new IOException("The stream ended before its first event");
    }

    /** Goes away without reading the rest: the gateway sees a cancellation. */
    @Override
    public void close() throws IOException {
        socket.close();
    }
}
