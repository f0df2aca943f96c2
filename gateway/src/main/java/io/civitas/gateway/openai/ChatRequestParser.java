package io.civitas.gateway.openai;

import static io.civitas.gateway.openai.RequestFields.present;

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
        JsonNode root = RequestFields.object(mapper, body);
        String model = RequestFields.requiredText(root, "model");
        List<ChatMessage> messages = messages(mapper, root.get("messages"));
        Sampling sampling = RequestFields.sampling(root);
        RequestFields.checkSingleChoice(root, "n");
        RequestFields.Streaming streaming = RequestFields.streaming(root);
        return new ChatRequest(model, messages, sampling, streaming.stream(), streaming.includeUsage(),
                ToolFields.options(mapper, root));
    }

    private static List<ChatMessage> messages(ObjectMapper mapper, JsonNode node) {
        if (!present(node)) {
            throw new InvalidRequestException("messages", "You must provide a 'messages' parameter.");
        }
        if (!node.isArray() || node.isEmpty()) {
            throw new InvalidRequestException("messages", "'messages' must be a non-empty array.");
        }
        List<ChatMessage> messages = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            messages.add(message(mapper, node.get(i), "messages[" + i + "]"));
        }
        return messages;
    }

    private static ChatMessage message(ObjectMapper mapper, JsonNode node, String param) {
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
                    "Invalid role; supported roles are 'system', 'developer', 'user', 'assistant' and 'tool'.");
        }
        String toolCalls = "assistant".equals(role)
                ? ToolFields.toolCalls(mapper, node.get("tool_calls"), param + ".tool_calls") : "";
        String toolCallId = "tool".equals(role) ? toolCallId(node.get("tool_call_id"), param + ".tool_call_id") : "";
        JsonNode name = node.get("name");
        if (present(name) && !name.isTextual()) {
            throw new InvalidRequestException(param + ".name", "'name' must be a string.");
        }
        JsonNode content = node.get("content");
        String text = !present(content) && !toolCalls.isEmpty() ? "" : content(content, param + ".content");
        return new ChatMessage(role, text, toolCalls, toolCallId, present(name) ? name.asText() : "");
    }

    private static String toolCallId(JsonNode node, String param) {
        if (!present(node) || !node.isTextual() || node.asText().isBlank()) {
            throw new InvalidRequestException(param, "A 'tool' message needs the 'tool_call_id' it answers.");
        }
        return node.asText();
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
}
