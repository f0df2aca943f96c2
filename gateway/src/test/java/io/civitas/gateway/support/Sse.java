package io.civitas.gateway.support;

import java.util.List;

/** The data lines of a Server-Sent Events body, in order. */
public final class Sse {

    private Sse() {
    }

    public static List<String> dataLines(String body) {
        return body.lines().filter(line -> line.startsWith("data: ")).map(line -> line.substring(6)).toList();
    }
}
