package io.civitas.gateway.openai;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.civitas.gateway.error.InvalidRequestException;

/** Reads the fields that several OpenAI request bodies share; each problem names its parameter. */
final class RequestFields {

    /** Whether to stream, and whether to end the stream with a usage chunk. */
    record Streaming(boolean stream, boolean includeUsage) {
    }

    private RequestFields() {
    }

    static JsonNode object(ObjectMapper mapper, byte[] body) {
        try {
            JsonNode root = body == null || body.length == 0 ? null : mapper.readTree(body);
            if (root == null || !root.isObject()) {
                throw new InvalidRequestException(null, "The request body must be a JSON object.");
            }
            return root;
        } catch (IOException e) {
            throw new InvalidRequestException(null, "We could not parse the JSON body of your request.");
        }
    }

    static String requiredText(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (!present(node)) {
            throw new InvalidRequestException(field, "You must provide a '" + field + "' parameter.");
        }
        if (!node.isTextual() || node.asText().isBlank()) {
            throw new InvalidRequestException(field, "'" + field + "' must be a non-empty string.");
        }
        return node.asText();
    }

    /** temperature, top_p, max_completion_tokens (or max_tokens), stop and seed. */
    static Sampling sampling(JsonNode root) {
        return new Sampling(
                number(root, "temperature", 0, Sampling.MAX_TEMPERATURE),
                number(root, "top_p", 0, 1),
                maxTokens(root),
                stop(root.get("stop")),
                seed(root.get("seed")));
    }

    /** stream and stream_options.include_usage. */
    static Streaming streaming(JsonNode root) {
        boolean stream = bool(root, "stream");
        JsonNode options = root.get("stream_options");
        if (!present(options)) {
            return new Streaming(stream, false);
        }
        if (!stream) {
            throw new InvalidRequestException("stream_options",
                    "The 'stream_options' parameter is only allowed when 'stream' is enabled.");
        }
        if (!options.isObject()) {
            throw new InvalidRequestException("stream_options", "'stream_options' must be an object.");
        }
        return new Streaming(true, bool(options, "include_usage"));
    }

    /** Accepts the field only when absent or 1. */
    static void checkSingleChoice(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (present(node) && !(node.isIntegralNumber() && node.asInt() == 1)) {
            throw new InvalidRequestException(field, "Only " + field + "=1 is supported.");
        }
    }

    static boolean bool(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (!present(node)) {
            return false;
        }
        if (!node.isBoolean()) {
            throw new InvalidRequestException(field, "'" + field + "' must be a boolean.");
        }
        return node.asBoolean();
    }

    static boolean present(JsonNode node) {
        return node != null && !node.isNull();
    }

    private static Double number(JsonNode root, String field, double min, double max) {
        JsonNode node = root.get(field);
        if (!present(node)) {
            return null;
        }
        if (!node.isNumber() || node.asDouble() < min || node.asDouble() > max) {
            throw new InvalidRequestException(field,
                    "'" + field + "' must be a number from " + min + " to " + max + ".");
        }
        return node.asDouble();
    }

    private static Integer maxTokens(JsonNode root) {
        Integer completion = positiveInt(root, "max_completion_tokens");
        Integer legacy = positiveInt(root, "max_tokens");
        return completion != null ? completion : legacy;
    }

    private static Integer positiveInt(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (!present(node)) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.asInt() < 1) {
            throw new InvalidRequestException(field, "'" + field + "' must be a positive integer.");
        }
        return node.asInt();
    }

    private static List<String> stop(JsonNode node) {
        if (!present(node)) {
            return List.of();
        }
        List<String> stops = new ArrayList<>();
        if (node.isTextual()) {
            stops.add(node.asText());
        } else if (node.isArray() && node.size() <= Sampling.MAX_STOP_SEQUENCES) {
            node.forEach(item -> stops.add(item.isTextual() ? item.asText() : ""));
        } else {
            throw new InvalidRequestException("stop", "'stop' must be a string or an array of up to "
                    + Sampling.MAX_STOP_SEQUENCES + " strings.");
        }
        if (stops.stream().anyMatch(String::isEmpty)) {
            throw new InvalidRequestException("stop", "Stop sequences must be non-empty strings.");
        }
        return stops;
    }

    private static Long seed(JsonNode node) {
        if (!present(node)) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw new InvalidRequestException("seed", "'seed' must be an integer.");
        }
        return node.asLong();
    }
}
