package io.civitas.gateway.openai;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.civitas.gateway.error.InvalidRequestException;

/** Reads and validates an OpenAI chat completion request body; each problem names its parameter. */
public final class ChatRequestParser {

    private final ObjectMapper mapper;

    public ChatRequestParser(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public ChatRequest parse(byte[] body) {
        JsonNode root = readObject(body);
        String model = requiredText(root, "model");
        List<ChatMessage> messages = messages(root.get("messages"));
        Sampling sampling = new Sampling(
                number(root, "temperature", 0, Sampling.MAX_TEMPERATURE),
                number(root, "top_p", 0, 1),
                maxTokens(root),
                stop(root.get("stop")),
                seed(root.get("seed")));
        checkSingleChoice(root.get("n"));
        boolean stream = bool(root, "stream");
        JsonNode options = root.get("stream_options");
        boolean includeUsage = false;
        if (present(options)) {
            if (!stream) {
                throw new InvalidRequestException("stream_options",
                        "The 'stream_options' parameter is only allowed when 'stream' is enabled.");
            }
            if (!options.isObject()) {
                throw new InvalidRequestException("stream_options", "'stream_options' must be an object.");
            }
            includeUsage = bool(options, "include_usage");
        }
        return new ChatRequest(model, messages, sampling, stream, includeUsage);
    }

    private JsonNode readObject(byte[] body) {
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

    private static String requiredText(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (!present(node)) {
            throw new InvalidRequestException(field, "You must provide a '" + field + "' parameter.");
        }
        if (!node.isTextual() || node.asText().isBlank()) {
            throw new InvalidRequestException(field, "'" + field + "' must be a non-empty string.");
        }
        return node.asText();
    }

    private static List<ChatMessage> messages(JsonNode node) {
        if (!present(node)) {
            throw new InvalidRequestException("messages", "You must provide a 'messages' parameter.");
        }
        if (!node.isArray() || node.isEmpty()) {
            throw new InvalidRequestException("messages", "'messages' must be a non-empty array.");
        }
        List<ChatMessage> messages = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            messages.add(message(node.get(i), "messages[" + i + "]"));
        }
        return messages;
    }

    private static ChatMessage message(JsonNode node, String param) {
        if (!node.isObject()) {
            throw new InvalidRequestException(param, "Each message must be an object.");
        }
        JsonNode roleNode = node.get("role");
        String role = roleNode != null && roleNode.isTextual() ? roleNode.asText().toLowerCase(Locale.ROOT) : "";
        if ("developer".equals(role)) {
            role = "system";
        }
        if (!ChatMessage.ROLES.contains(role)) {
            throw new InvalidRequestException(param + ".role",
                    "Invalid role; supported roles are 'system', 'developer', 'user' and 'assistant'.");
        }
        return new ChatMessage(role, content(node.get("content"), param + ".content"));
    }

    private static String content(JsonNode node, String param) {
        if (node != null && node.isTextual()) {
            return node.asText();
        }
        if (node != null && node.isArray()) {
            StringBuilder text = new StringBuilder();
            for (JsonNode part : node) {
                if (!part.isObject() || !"text".equals(part.path("type").asText()) || !part.path("text").isTextual()) {
                    throw new InvalidRequestException(param, "Only text content parts are supported.");
                }
                text.append(part.get("text").asText());
            }
            return text.toString();
        }
        throw new InvalidRequestException(param, "'content' must be a string or an array of text parts.");
    }

    private static Double number(JsonNode root, String field, double min, double max) {
        JsonNode node = root.get(field);
        if (!present(node)) {
            return null;
        }
        if (!node.isNumber() || node.asDouble() < min || node.asDouble() > max) {
            throw new InvalidRequestException(field, "'" + field + "' must be a number from " + min + " to " + max + ".");
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

    private static void checkSingleChoice(JsonNode node) {
        if (present(node) && !(node.isIntegralNumber() && node.asInt() == 1)) {
            throw new InvalidRequestException("n", "Only n=1 is supported.");
        }
    }

    private static boolean bool(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (!present(node)) {
            return false;
        }
        if (!node.isBoolean()) {
            throw new InvalidRequestException(field, "'" + field + "' must be a boolean.");
        }
        return node.asBoolean();
    }

    private static boolean present(JsonNode node) {
        return node != null && !node.isNull();
    }
}
