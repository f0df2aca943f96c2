package io.civitas.gateway.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import jakarta.enterprise.context.ApplicationScoped;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

/** GET /v1/openapi.yaml: the gateway's OpenAPI document from the api module, read once; no authentication. */
@ApplicationScoped
public class OpenApiHandler {

    static final String RESOURCE = "META-INF/openapi/gateway-v1.yaml";
    static final String YAML = "application/yaml";

    private final Buffer document;

    public OpenApiHandler() {
        this.document = Buffer.buffer(read());
    }

    void handle(RoutingContext rc) {
        rc.response().putHeader("content-type", YAML).end(document);
    }

    private static byte[] read() {
        try (InputStream in = OpenApiHandler.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath (civitas-api)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + RESOURCE, e);
        }
    }
}
