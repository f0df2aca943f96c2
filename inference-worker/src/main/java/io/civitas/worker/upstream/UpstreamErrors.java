package io.civitas.worker.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.civitas.worker.engine.EngineOverloadedException;
import io.civitas.worker.engine.EngineRefusedException;
import io.civitas.worker.engine.EngineUnavailableException;
import io.civitas.worker.engine.InvalidRequestException;

/** Turns an upstream's HTTP error response into the worker's failure for it. */
final class UpstreamErrors {

    private static final int MAX_MESSAGE = 300;

    private UpstreamErrors() {
    }

    /**
     * 400, 413 and 422: the request is invalid; 401, 403 and 404: the worker's setup does not match the upstream;
     * 429: the upstream is overloaded; other statuses (5xx): the upstream is unavailable.
     */
    static RuntimeException of(ObjectMapper json, int status, String body) {
        String message = "upstream answered " + status + message(json, body);
        return switch (status) {
            case 400, 413, 422 -> new InvalidRequestException(message);
            case 401, 403, 404 -> new EngineRefusedException(message);
            case 429 -> new EngineOverloadedException(message);
            default -> new EngineUnavailableException(message);
        };
    }

    /** The error's message in OpenAI's ({"error":{"message"}}) or vLLM's ({"message"}) shape, shortened. */
    private static String message(ObjectMapper json, String body) {
        try {
            JsonNode node = json.readTree(body);
            JsonNode message = node.path("error").isObject() ? node.path("error").path("message")
                    : node.path("message");
            String text = message.asText("");
            if (text.isEmpty()) {
                return "";
            }
            return ": " + (text.length() > MAX_MESSAGE ? text.substring(0, MAX_MESSAGE) + "..." : text);
        } catch (Exception e) {
            return "";
        }
    }
}
